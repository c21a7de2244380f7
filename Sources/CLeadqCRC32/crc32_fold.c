#include "leadq_crc32.h"

#if defined(__x86_64__)

#include <immintrin.h>

/* The message is a polynomial over GF(2) whose first bit is its highest term, and the CRC is
   message * x^32 mod P, P = x^32 + ... + 1 (0x104C11DB7; 0xEDB88320 reflected). Bytes are read
   little-endian as they come, so a 64-bit lane holds a polynomial bit-reflected: bit j is the
   term x^(63-j). A carry-less multiply of two such lanes gives their product reflected in 128
   bits, times x (the product of degree <= 126 lands one place short of 127), so every constant
   below is x^(k-1) mod P where the mathematics asks for x^k mod P.

   Folding: a 128-bit block A = H x^64 + L that is d bits ahead of a later block equals
   H x^(d+64) + L x^d, and replacing those powers by their remainders mod P leaves a value of
   under 128 bits with the same CRC, xored into the later block. Four blocks at d = 512 keep four
   independent multiplies in flight; then d = 128 folds them, and the last 16-byte blocks, into one.

   Each constant is a remainder of degree <= 31, so it sits in the top half of its lane.
   Tests/LeadqStoreTests/CRC32FoldingTests.swift derives them from P. */
const leadq_crc32_constants leadq_crc32_folding_constants = {
    .fold512 = {0x653d982200000000, 0xcad38e8f00000000},
    .fold128 = {0x65673b4600000000, 0x9ba54c6f00000000},
    .reduce96 = 0xccaa009e00000000,
    .reduce64 = 0xb8bc676500000000,
    .mu = 0xfb808b2080000000,
    .poly = 0xedb8832080000000,
};

int leadq_crc32_can_fold(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
}

#define TARGET __attribute__((target("pclmul,sse4.1")))

/* H * k[0] + L * k[1] + next: the low lane times the low constant, the high lane the high. */
TARGET static inline __m128i fold(__m128i block, __m128i k, __m128i next) {
    __m128i h = _mm_clmulepi64_si128(block, k, 0x00);
    __m128i l = _mm_clmulepi64_si128(block, k, 0x11);
    return _mm_xor_si128(_mm_xor_si128(h, l), next);
}

TARGET static inline __m128i load(const unsigned char *p) { return _mm_loadu_si128((const __m128i *)p); }

TARGET static inline __m128i clmul(uint64_t a, uint64_t b) {
    return _mm_clmulepi64_si128(_mm_cvtsi64_si128((long long)a), _mm_cvtsi64_si128((long long)b), 0x00);
}

TARGET uint32_t leadq_crc32_fold(uint32_t crc, const void *bytes, size_t length) {
    const leadq_crc32_constants *c = &leadq_crc32_folding_constants;
    const unsigned char *p = bytes;
    __m128i k512 = _mm_set_epi64x((long long)c->fold512[1], (long long)c->fold512[0]);
    __m128i k128 = _mm_set_epi64x((long long)c->fold128[1], (long long)c->fold128[0]);

    /* The register so far is the first 32 bits of the message xored in (the CRC's preset). */
    __m128i x0 = _mm_xor_si128(load(p), _mm_cvtsi32_si128((int)crc));
    __m128i x1 = load(p + 16), x2 = load(p + 32), x3 = load(p + 48);
    p += 64;
    length -= 64;
    for (; length >= 64; p += 64, length -= 64) {
        x0 = fold(x0, k512, load(p));
        x1 = fold(x1, k512, load(p + 16));
        x2 = fold(x2, k512, load(p + 32));
        x3 = fold(x3, k512, load(p + 48));
    }
    x1 = fold(x0, k128, x1);
    x2 = fold(x1, k128, x2);
    x3 = fold(x2, k128, x3);
    for (; length >= 16; p += 16, length -= 16) x3 = fold(x3, k128, load(p));

    /* CRC = A x^32 mod P for the 128 bits A left. A x^32 = H x^96 + L x^32: H times x^96 mod P,
       L moved 32 places, leaves 96 bits (the low 32 of the lane are zero). */
    uint64_t h = (uint64_t)_mm_cvtsi128_si64(x3);
    __m128i b = _mm_xor_si128(clmul(h, c->reduce96), _mm_slli_si128(_mm_srli_si128(x3, 8), 4));
    /* Those 96 bits = H' x^64 + L', H' of degree <= 31: H' times x^64 mod P plus L', 64 bits. */
    __m128i d = _mm_xor_si128(clmul((uint64_t)_mm_cvtsi128_si64(b), c->reduce64), b);
    uint64_t v = (uint64_t)_mm_extract_epi64(d, 1);

    /* Barrett: for V of degree <= 63, the quotient V / P is exactly (V / x^32) * mu / x^32, with
       mu = x^64 / P (all divisions dropping the remainder), so the CRC, V - quotient * P, needs
       two multiplies and no division. The masks and shifts line the terms up: the quotient lands
       in bits 31..62 of the first product, and the CRC's 32 terms in bits 94..125 of the second. */
    uint64_t quotient = (uint64_t)_mm_cvtsi128_si64(clmul(v & 0xFFFFFFFF, c->mu)) & 0x7FFFFFFF80000000;
    uint64_t product = (uint64_t)_mm_extract_epi64(clmul(quotient, c->poly), 1);
    return (uint32_t)((v >> 32) ^ (product >> 30));
}

#endif
