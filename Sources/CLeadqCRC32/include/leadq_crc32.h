#ifndef LEADQ_CRC32_H
#define LEADQ_CRC32_H

#include <stddef.h>
#include <stdint.h>

/* CRC-32 (zlib's) by folding with carry-less multiplies, in C because Swift has no portable way
   to reach PCLMULQDQ, and because a function can be compiled for those instructions alone
   (target attribute) and picked at run time, so the package needs no -m flags. x86-64 only:
   elsewhere the header is empty and CRC32.swift uses its tables. */

#if defined(__x86_64__)

/* Nonzero when this CPU has PCLMULQDQ and SSE4.1, the only case leadq_crc32_fold may be called. */
int leadq_crc32_can_fold(void);

/* The CRC register (reflected, before the final inversion) advanced over `length` bytes;
   `length` must be a multiple of 16 and at least 64. */
uint32_t leadq_crc32_fold(uint32_t crc, const void *bytes, size_t length);

/* What leadq_crc32_fold multiplies by, here so a test can derive each from the polynomial. */
typedef struct {
    uint64_t fold512[2]; /* x^575, x^511 mod P */
    uint64_t fold128[2]; /* x^191, x^127 mod P */
    uint64_t reduce96;   /* x^95 mod P */
    uint64_t reduce64;   /* x^63 mod P */
    uint64_t mu;         /* floor(x^64 / P) */
    uint64_t poly;       /* P itself */
} leadq_crc32_constants;

extern const leadq_crc32_constants leadq_crc32_folding_constants;

#endif
#endif
