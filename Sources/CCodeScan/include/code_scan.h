#ifndef MEMCHAT_CODE_SCAN_H
#define MEMCHAT_CODE_SCAN_H

#include <stddef.h>
#include <stdint.h>

/// Hamming distances of `count` 128-bit codes (two words each, `codes`) to the query
/// code (q0, q1): distance i goes to `distances[i]`, and `histogram[d]` (129 entries,
/// 0...128) is incremented for each. Bits of the second word under `flag_mask` are not
/// compared; a code with any of them set counts `flag_penalty` further away (capped at
/// 128). Uses the CPU's popcount instruction where it has one.
void memchat_code_distances(const uint64_t *codes, size_t count, uint64_t q0, uint64_t q1,
                            uint64_t flag_mask, unsigned flag_penalty, uint8_t *distances, int64_t *histogram);

#endif
