#ifndef MEMCHAT_ENCODER_KERNELS_H
#define MEMCHAT_ENCODER_KERNELS_H

#include <stdint.h>

// The sentence encoder's matrix products and GELU: AVX2+FMA code on CPUs that have it, plain C
// elsewhere (chosen per call; memchat_encoder_kernels_vectorized() says which).
//
// Layout is row-major: token t's activations are input[t * inputs ..< (t + 1) * inputs], and
// weights are [outputs][inputs] (PyTorch's Linear layout). `inputs` must be a multiple of 16 and
// at most 4096; `tokens` and `outputs` at least 1; output must not overlap input. No pointer
// needs any alignment.
//
// The functions keep no state, so threads may share one product by rows: the thread computing
// rows [o0, o1) passes weights + o0 * inputs, scales + o0, bias + o0, output + o0, o1 - o0 as
// `outputs` and the full row width as `output_stride`. Results do not depend on the split for
// int8 weights, nor for f32 weights split at multiples of 4 rows.

/// output[t * output_stride + o] = scales[o] * (weights row o . input row t) + bias[o], for
/// t < tokens and o < outputs, with int8 weights. Each token's activations are first rounded to
/// 14-bit integers with one scale per token (error at most 1/16382 of the token's largest
/// magnitude; a little coarser past 2048 inputs, 13 bits at 4096), then the products are summed
/// exactly as integers: both code paths give the same bits.
void memchat_linear_q8(const int8_t *weights, const float *scales, const float *bias, const float *input,
                       int tokens, int inputs, int outputs, float *output, int output_stride);

/// output[t * output_stride + o] = (weights row o . input row t) + bias[o], with f32 weights.
void memchat_linear_f32(const float *weights, const float *bias, const float *input,
                        int tokens, int inputs, int outputs, float *output, int output_stride);

/// values[i] = values[i] / 2 * (1 + erf(values[i] / sqrt(2))) in place: BERT's GELU, with erf
/// within 4e-7.
void memchat_gelu(float *values, int count);

/// 1 when the functions above run their AVX2+FMA code, 0 when they run the plain C.
int memchat_encoder_kernels_vectorized(void);

/// Forces the plain C code (nonzero) or goes back to choosing by CPU (0), for the whole process:
/// for tests that compare both paths on one machine.
void memchat_encoder_kernels_use_plain(int plain);

#endif
