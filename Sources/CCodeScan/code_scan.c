// The index scan's inner loop, in C for one reason: Swift on x86-64 Linux compiles for the
// baseline CPU, which has no popcount instruction, and this loop runs over every turn of
// the user's history for every question. Here the loop is compiled twice, plainly and
// for CPUs with POPCNT, and the CPU is asked once which to use.

#include "code_scan.h"

// A record whose bits under `flag_mask` are set (the encoder's requests) is `flag_penalty`
// further away; the flag bits themselves are not compared.
#define SCAN_LOOP                                                                       \
    for (size_t i = 0; i < count; i++) {                                                \
        uint64_t c1 = codes[2 * i + 1];                                                 \
        unsigned d = (unsigned)__builtin_popcountll(codes[2 * i] ^ q0)                  \
                   + (unsigned)__builtin_popcountll((c1 ^ q1) & ~flag_mask)             \
                   + ((c1 & flag_mask) ? flag_penalty : 0u);                            \
        if (d > 128) d = 128;                                                           \
        distances[i] = (uint8_t)d;                                                      \
        histogram[d]++;                                                                 \
    }

static void scan_plain(const uint64_t *codes, size_t count, uint64_t q0, uint64_t q1,
                       uint64_t flag_mask, unsigned flag_penalty, uint8_t *distances, int64_t *histogram) {
    SCAN_LOOP
}

#if defined(__x86_64__)
#include <cpuid.h>

__attribute__((target("popcnt")))
static void scan_popcnt(const uint64_t *codes, size_t count, uint64_t q0, uint64_t q1,
                        uint64_t flag_mask, unsigned flag_penalty, uint8_t *distances, int64_t *histogram) {
    SCAN_LOOP
}

static int has_popcnt(void) {
    static int known = -1;
    if (known < 0) {
        unsigned a, b, c, d;
        known = __get_cpuid(1, &a, &b, &c, &d) && (c & bit_POPCNT) ? 1 : 0;
    }
    return known;
}
#endif

void memchat_code_distances(const uint64_t *codes, size_t count, uint64_t q0, uint64_t q1,
                            uint64_t flag_mask, unsigned flag_penalty, uint8_t *distances, int64_t *histogram) {
#if defined(__x86_64__)
    if (has_popcnt()) {
        scan_popcnt(codes, count, q0, q1, flag_mask, flag_penalty, distances, histogram);
        return;
    }
#endif
    scan_plain(codes, count, q0, q1, flag_mask, flag_penalty, distances, histogram);
}
