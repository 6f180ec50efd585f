// The sentence encoder's hot loops, in C for one reason: Swift on x86-64 Linux compiles for
// the baseline CPU, which has neither AVX2 nor FMA, and these loops are nearly all of an
// encoding's time. Each is compiled twice, plainly and for CPUs with AVX2 and FMA, and the
// CPU is asked which to use.
//
// With int8 weights, each token's activations are first rounded to 14-bit integers with one
// scale per token (64 times finer than the weights' own 8 bits: the encoder's sentence vectors
// move by under 1e-5 in cosine), so that the dot products are exact 32-bit integer sums, 16
// products per AVX2 instruction (vpmaddwd) against 8 for an f32 FMA. Both paths round the same
// way and sum exactly, so they give the same results.

#include "encoder_kernels.h"
#include <stdatomic.h>
#include <stddef.h>

enum {
    QUANT_TOKENS = 4,    // tokens quantised at a time: the tile's width, and 4 x 4096 x 2 bytes of stack
    MAX_INPUTS = 4096,
    QUANT_MAX = 8191,    // 14 bits: 2048 inputs of |w| <= 128 still sum below 2^31
};

// The largest |q| for which a row of `inputs` products |w * q| <= 128 * |q| cannot overflow int32.
static int quant_limit(int inputs) {
    int limit = 2147483647 / (128 * inputs);
    return limit < QUANT_MAX ? limit : QUANT_MAX;
}

// Quantises one token to q[k] = round(x[k] * limit / max|x|) and returns the scale back.
// Rounding is half away from zero by adding +-0.5 and truncating; exact, as |v| <= 8192.
static float quantize_plain(const float *x, int inputs, int limit, int16_t *q) {
    float max = 0;
    for (int k = 0; k < inputs; k++) {
        float a = x[k] < 0 ? -x[k] : x[k];
        max = a > max ? a : max;
    }
    float inv = max > 0 ? (float)limit / max : 0;
    for (int k = 0; k < inputs; k++) {
        float v = x[k] * inv;
        q[k] = (int16_t)(v + (v < 0 ? -0.5f : 0.5f));
    }
    return max / (float)limit;
}

// Rows [first, end) of the int8 product for n quantised tokens; also the vector path's odd row.
// Product and sum stay two roundings, as in the vector path (one statement could be fused).
static void q8_rows_plain(const int8_t *weights, const float *scales, const float *bias, const int16_t *q,
                          const float *qscales, int n, int inputs, int first, int end, float *output, int stride) {
    for (int o = first; o < end; o++) {
        const int8_t *w = weights + (size_t)o * inputs;
        for (int t = 0; t < n; t++) {
            const int16_t *x = q + (size_t)t * inputs;
            int32_t sum = 0;
            for (int k = 0; k < inputs; k++) sum += w[k] * x[k];
            float scaled = (float)sum * (scales[o] * qscales[t]);
            output[(size_t)t * stride + o] = scaled + bias[o];
        }
    }
}

static void linear_q8_plain(const int8_t *weights, const float *scales, const float *bias, const float *input,
                            int tokens, int inputs, int outputs, float *output, int stride) {
    int16_t q[QUANT_TOKENS * MAX_INPUTS];
    float qscales[QUANT_TOKENS];
    int limit = quant_limit(inputs);
    for (int t0 = 0; t0 < tokens; t0 += QUANT_TOKENS) {
        int n = tokens - t0 < QUANT_TOKENS ? tokens - t0 : QUANT_TOKENS;
        for (int t = 0; t < n; t++)
            qscales[t] = quantize_plain(input + (size_t)(t0 + t) * inputs, inputs, limit, q + (size_t)t * inputs);
        q8_rows_plain(weights, scales, bias, q, qscales, n, inputs, 0, outputs, output + (size_t)t0 * stride, stride);
    }
}

// Rows [first, end) of the f32 product; eight partial sums so that the compiler can vectorise.
static void f32_rows_plain(const float *weights, const float *bias, const float *input, int tokens, int inputs,
                           int first, int end, float *output, int stride) {
    for (int o = first; o < end; o++) {
        const float *w = weights + (size_t)o * inputs;
        for (int t = 0; t < tokens; t++) {
            const float *x = input + (size_t)t * inputs;
            float s[8] = {0};
            for (int k = 0; k < inputs; k += 8)
                for (int j = 0; j < 8; j++) s[j] += w[k + j] * x[k + j];
            float sum = ((s[0] + s[4]) + (s[1] + s[5])) + ((s[2] + s[6]) + (s[3] + s[7]));
            output[(size_t)t * stride + o] = sum + bias[o];
        }
    }
}

// erf by Eigen's rational approximation on [-4, 4] (beyond, erf is +-1 in f32), absolute error
// under 4e-7; here rather than libm's erff, which would need libm linked, and to match the vector path.
static float erf_approx(float x) {
    x = x < -4.0f ? -4.0f : x > 4.0f ? 4.0f : x;
    float x2 = x * x;
    float p = x2 * -2.72614225801306e-10f + 2.77068142495902e-08f;
    p = x2 * p - 2.10102402082508e-06f;
    p = x2 * p - 5.69250639462346e-05f;
    p = x2 * p - 7.34990630326855e-04f;
    p = x2 * p - 2.95459980854025e-03f;
    p = x2 * p - 1.60960333262415e-02f;
    float q = x2 * -1.45660718464996e-05f - 2.13374055278905e-04f;
    q = x2 * q - 1.68282697438203e-03f;
    q = x2 * q - 7.37332916720468e-03f;
    q = x2 * q - 1.42647390514189e-02f;
    return x * p / q;
}

static void gelu_plain(float *values, int count) {
    for (int i = 0; i < count; i++) values[i] = 0.5f * values[i] * (1.0f + erf_approx(values[i] * 0.70710678f));
}

#if defined(__x86_64__)
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2,fma")))

AVX2 static float quantize_avx2(const float *x, int inputs, int limit, int16_t *q) {
    const __m256 abs_mask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff));
    __m256 m = _mm256_setzero_ps();
    for (int k = 0; k < inputs; k += 8) m = _mm256_max_ps(m, _mm256_and_ps(_mm256_loadu_ps(x + k), abs_mask));
    __m128 m4 = _mm_max_ps(_mm256_castps256_ps128(m), _mm256_extractf128_ps(m, 1));
    m4 = _mm_max_ps(m4, _mm_movehl_ps(m4, m4));
    m4 = _mm_max_ss(m4, _mm_movehdup_ps(m4));
    float max = _mm_cvtss_f32(m4);
    __m256 inv = _mm256_set1_ps(max > 0 ? (float)limit / max : 0);
    const __m256 half = _mm256_set1_ps(0.5f), sign = _mm256_set1_ps(-0.0f);
    for (int k = 0; k < inputs; k += 16) {
        __m256 a = _mm256_mul_ps(_mm256_loadu_ps(x + k), inv), b = _mm256_mul_ps(_mm256_loadu_ps(x + k + 8), inv);
        __m256i ia = _mm256_cvttps_epi32(_mm256_add_ps(a, _mm256_or_ps(half, _mm256_and_ps(a, sign))));
        __m256i ib = _mm256_cvttps_epi32(_mm256_add_ps(b, _mm256_or_ps(half, _mm256_and_ps(b, sign))));
        // packs works within 128-bit lanes; the permute puts the eight-value halves back in order.
        _mm256_storeu_si256((__m256i *)(q + k), _mm256_permute4x64_epi64(_mm256_packs_epi32(ia, ib), 0xd8));
    }
    return max / (float)limit;
}

// Two rows by T <= 4 tokens: 8 accumulators, 4 token vectors, a weight and a product fill 14
// of the 16 registers, and each weight vector widened serves four tokens (20% faster than eight
// rows by one token). The tokens stay in L1 while the rows stream past; `next`, the following
// two rows (contiguous), is prefetched into L2 meanwhile (10% faster when they are in memory).
AVX2 static inline __attribute__((always_inline)) void q8_tile(const int8_t *w, int inputs, const int16_t *x, int T,
                                                               const float *scales, const float *bias,
                                                               const float *qscales, float *out, int stride,
                                                               const int8_t *next) {
    __m256i acc[4][2];
    for (int t = 0; t < 4; t++) acc[t][0] = acc[t][1] = _mm256_setzero_si256();
    for (int k = 0; k < inputs; k += 16) {
        _mm_prefetch((const char *)next + (size_t)k * 2, _MM_HINT_T1);
        __m256i w0 = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(w + k)));
        __m256i w1 = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(w + inputs + k)));
        for (int t = 0; t < T; t++) {
            __m256i xv = _mm256_loadu_si256((const __m256i *)(x + (size_t)t * inputs + k));
            acc[t][0] = _mm256_add_epi32(acc[t][0], _mm256_madd_epi16(w0, xv));
            acc[t][1] = _mm256_add_epi32(acc[t][1], _mm256_madd_epi16(w1, xv));
        }
    }
    // Horizontal sums by hadd trees; lanes come out as [t0r0 t0r1 t1r0 t1r1 | t2r0 t2r1 t3r0 t3r1].
    __m256i lo = _mm256_hadd_epi32(_mm256_hadd_epi32(acc[0][0], acc[0][1]), _mm256_hadd_epi32(acc[1][0], acc[1][1]));
    __m256i hi = _mm256_hadd_epi32(_mm256_hadd_epi32(acc[2][0], acc[2][1]), _mm256_hadd_epi32(acc[3][0], acc[3][1]));
    __m256i sums = _mm256_add_epi32(_mm256_permute2x128_si256(lo, hi, 0x20), _mm256_permute2x128_si256(lo, hi, 0x31));
    float scale[8], result[8];
    for (int t = 0; t < 4; t++) {
        float qscale = t < T ? qscales[t] : 0;
        scale[2 * t] = scales[0] * qscale;
        scale[2 * t + 1] = scales[1] * qscale;
    }
    __m256 b = _mm256_setr_ps(bias[0], bias[1], bias[0], bias[1], bias[0], bias[1], bias[0], bias[1]);
    _mm256_storeu_ps(result, _mm256_add_ps(_mm256_mul_ps(_mm256_cvtepi32_ps(sums), _mm256_loadu_ps(scale)), b));
    for (int t = 0; t < T; t++) {
        out[(size_t)t * stride] = result[2 * t];
        out[(size_t)t * stride + 1] = result[2 * t + 1];
    }
}

// Four tokens at a time are quantised and then multiplied by all the rows, two by two.
AVX2 static void linear_q8_avx2(const int8_t *weights, const float *scales, const float *bias, const float *input,
                                int tokens, int inputs, int outputs, float *output, int stride) {
    int16_t q[QUANT_TOKENS * MAX_INPUTS];
    float qscales[QUANT_TOKENS];
    int limit = quant_limit(inputs), pairs = outputs & ~1;
    for (int t0 = 0; t0 < tokens; t0 += QUANT_TOKENS) {
        int n = tokens - t0 < QUANT_TOKENS ? tokens - t0 : QUANT_TOKENS;
        float *out = output + (size_t)t0 * stride;
        for (int t = 0; t < n; t++)
            qscales[t] = quantize_avx2(input + (size_t)(t0 + t) * inputs, inputs, limit, q + (size_t)t * inputs);
        for (int o = 0; o < pairs; o += 2) {
            // The last pair prefetches itself: harmless, and no test in the loop.
            const int8_t *w = weights + (size_t)o * inputs, *next = o + 2 < pairs ? w + (size_t)2 * inputs : w;
            switch (n) { // a constant T for each, so the token loops unroll
            case 4: q8_tile(w, inputs, q, 4, scales + o, bias + o, qscales, out + o, stride, next); break;
            case 3: q8_tile(w, inputs, q, 3, scales + o, bias + o, qscales, out + o, stride, next); break;
            case 2: q8_tile(w, inputs, q, 2, scales + o, bias + o, qscales, out + o, stride, next); break;
            default: q8_tile(w, inputs, q, 1, scales + o, bias + o, qscales, out + o, stride, next); break;
            }
        }
        q8_rows_plain(weights, scales, bias, q, qscales, n, inputs, pairs, outputs, out, stride);
    }
}

// Four rows by T <= 3 tokens of f32 accumulators (12 of the 16 registers): each weight vector
// loaded serves three tokens. The rows outer, as f32 weights (42 MB for the model) come from
// memory; `next`, the following four rows, is prefetched into L2 meanwhile (a third faster).
AVX2 static inline __attribute__((always_inline)) void f32_tile(const float *w, const float *bias, const float *x,
                                                                int T, int inputs, float *out, int stride,
                                                                const float *next) {
    __m256 acc[4][3];
    for (int r = 0; r < 4; r++)
        for (int t = 0; t < T; t++) acc[r][t] = _mm256_setzero_ps();
    for (int k = 0; k < inputs; k += 8) {
        _mm_prefetch((const char *)next + (size_t)k * 16, _MM_HINT_T1);
        _mm_prefetch((const char *)next + (size_t)k * 16 + 64, _MM_HINT_T1);
        __m256 xv[3];
        for (int t = 0; t < T; t++) xv[t] = _mm256_loadu_ps(x + (size_t)t * inputs + k);
        for (int r = 0; r < 4; r++) {
            __m256 wv = _mm256_loadu_ps(w + (size_t)r * inputs + k);
            for (int t = 0; t < T; t++) acc[r][t] = _mm256_fmadd_ps(wv, xv[t], acc[r][t]);
        }
    }
    __m128 b = _mm_loadu_ps(bias);
    for (int t = 0; t < T; t++) {
        __m256 h = _mm256_hadd_ps(_mm256_hadd_ps(acc[0][t], acc[1][t]), _mm256_hadd_ps(acc[2][t], acc[3][t]));
        __m128 s = _mm_add_ps(_mm256_castps256_ps128(h), _mm256_extractf128_ps(h, 1));
        _mm_storeu_ps(out + (size_t)t * stride, _mm_add_ps(s, b));
    }
}

AVX2 static void linear_f32_avx2(const float *weights, const float *bias, const float *input,
                                 int tokens, int inputs, int outputs, float *output, int stride) {
    int rows4 = outputs & ~3;
    for (int o = 0; o < rows4; o += 4) {
        const float *w = weights + (size_t)o * inputs, *next = o + 4 < rows4 ? w + (size_t)4 * inputs : w;
        int t = 0;
        for (; t + 3 <= tokens; t += 3)
            f32_tile(w, bias + o, input + (size_t)t * inputs, 3, inputs, output + (size_t)t * stride + o, stride, next);
        if (tokens - t == 2)
            f32_tile(w, bias + o, input + (size_t)t * inputs, 2, inputs, output + (size_t)t * stride + o, stride, next);
        else if (tokens - t == 1)
            f32_tile(w, bias + o, input + (size_t)t * inputs, 1, inputs, output + (size_t)t * stride + o, stride, next);
    }
    f32_rows_plain(weights, bias, input, tokens, inputs, rows4, outputs, output, stride);
}

// erf_approx, eight at a time.
AVX2 static void gelu_avx2(float *values, int count) {
    int i = 0;
    for (; i + 8 <= count; i += 8) {
        __m256 v = _mm256_loadu_ps(values + i);
        __m256 x = _mm256_mul_ps(v, _mm256_set1_ps(0.70710678f));
        x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(-4.0f)), _mm256_set1_ps(4.0f));
        __m256 x2 = _mm256_mul_ps(x, x);
        __m256 p = _mm256_fmadd_ps(x2, _mm256_set1_ps(-2.72614225801306e-10f), _mm256_set1_ps(2.77068142495902e-08f));
        p = _mm256_fmadd_ps(x2, p, _mm256_set1_ps(-2.10102402082508e-06f));
        p = _mm256_fmadd_ps(x2, p, _mm256_set1_ps(-5.69250639462346e-05f));
        p = _mm256_fmadd_ps(x2, p, _mm256_set1_ps(-7.34990630326855e-04f));
        p = _mm256_fmadd_ps(x2, p, _mm256_set1_ps(-2.95459980854025e-03f));
        p = _mm256_fmadd_ps(x2, p, _mm256_set1_ps(-1.60960333262415e-02f));
        __m256 q = _mm256_fmadd_ps(x2, _mm256_set1_ps(-1.45660718464996e-05f), _mm256_set1_ps(-2.13374055278905e-04f));
        q = _mm256_fmadd_ps(x2, q, _mm256_set1_ps(-1.68282697438203e-03f));
        q = _mm256_fmadd_ps(x2, q, _mm256_set1_ps(-7.37332916720468e-03f));
        q = _mm256_fmadd_ps(x2, q, _mm256_set1_ps(-1.42647390514189e-02f));
        __m256 erf = _mm256_div_ps(_mm256_mul_ps(x, p), q);
        __m256 half_v = _mm256_mul_ps(v, _mm256_set1_ps(0.5f));
        _mm256_storeu_ps(values + i, _mm256_fmadd_ps(half_v, erf, half_v));
    }
    gelu_plain(values + i, count - i);
}
#endif

static atomic_int plain_forced;

int memchat_encoder_kernels_vectorized(void) {
#if defined(__x86_64__)
    return !atomic_load_explicit(&plain_forced, memory_order_relaxed) && __builtin_cpu_supports("avx2") &&
           __builtin_cpu_supports("fma");
#else
    return 0;
#endif
}

void memchat_encoder_kernels_use_plain(int plain) {
    atomic_store_explicit(&plain_forced, plain != 0, memory_order_relaxed);
}

void memchat_linear_q8(const int8_t *weights, const float *scales, const float *bias, const float *input,
                       int tokens, int inputs, int outputs, float *output, int output_stride) {
#if defined(__x86_64__)
    if (memchat_encoder_kernels_vectorized()) {
        linear_q8_avx2(weights, scales, bias, input, tokens, inputs, outputs, output, output_stride);
        return;
    }
#endif
    linear_q8_plain(weights, scales, bias, input, tokens, inputs, outputs, output, output_stride);
}

void memchat_linear_f32(const float *weights, const float *bias, const float *input,
                        int tokens, int inputs, int outputs, float *output, int output_stride) {
#if defined(__x86_64__)
    if (memchat_encoder_kernels_vectorized()) {
        linear_f32_avx2(weights, bias, input, tokens, inputs, outputs, output, output_stride);
        return;
    }
#endif
    f32_rows_plain(weights, bias, input, tokens, inputs, 0, outputs, output, output_stride);
}

void memchat_gelu(float *values, int count) {
#if defined(__x86_64__)
    if (memchat_encoder_kernels_vectorized()) {
        gelu_avx2(values, count);
        return;
    }
#endif
    gelu_plain(values, count);
}
