#ifndef MEMCHAT_CODE_SCAN_H
#define MEMCHAT_CODE_SCAN_H

#include <stddef.h>
#include <stdint.h>

/// Hamming distances of `count` 128-bit codes (two words each, `codes`) to the query
/// code (q0, q1): distance i goes to `distances[i]`, and `histogram[d]` (129 entries,
/// 0...128) is incremented for each. Uses the CPU's popcount instruction where it has one.
void memchat_code_distances(const uint64_t *codes, size_t count, uint64_t q0, uint64_t q1,
                            uint8_t *distances, int64_t *histogram);

#endif
