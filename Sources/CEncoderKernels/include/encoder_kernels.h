#ifndef MEMCHAT_ENCODER_KERNELS_H
#define MEMCHAT_ENCODER_KERNELS_H

#include <stdint.h>

// The sentence encoder's matrix products and GELU, vectorised for AVX2+FMA where the CPU has
// them, plain C elsewhere. Row-major throughout: token t's activations are input[t * inputs ...],
// weights are [outputs][inputs] (PyTorch's Linear layout). Requirements: `inputs` a multiple of
// 16 and at most 32768; any `tokens` >= 1 and `outputs` >= 1 (multiples of 8 use the fast path
// throughout). No alignment is needed. Calls share no state, so threads may each compute a
// range of rows [o0, o1): pass weights + o0 * inputs, scales + o0, bias + o0, output + o0,
// o1 - o0 as `outputs`, and the full width as `output_stride`.

/// output[t * output_stride + o] = scales[o] * (weights[o] . input[t]) + bias[o] for t < tokens,
/// o < outputs, with int8 weights. Each token's activations are rounded to 14-bit integers
/// with one scale per token (relative error <= 1/16382 of the token's largest magnitude),
/// and the products are summed exactly as integers.
void memchat_linear_q8(const int8_t *weights, const float *scales, const float *bias, const float *input,
                       int tokens, int inputs, int outputs, float *output, int output_stride);

/// output[t * output_stride + o] = (weights[o] . input[t]) + bias[o] with f32 weights.
void memchat_linear_f32(const float *weights, const float *bias, const float *input,
                        int tokens, int inputs, int outputs, float *output, int output_stride);

/// values[i] = values[i] / 2 * (1 + erf(values[i] / sqrt(2))) in place (BERT's exact GELU;
/// the vector path's erf is within 4e-7).
void memchat_gelu(float *values, int count);

/// 1 when the calls above run their AVX2+FMA code, 0 when they run the plain C.
int memchat_encoder_kernels_vectorized(void);

/// Forces the plain C code (nonzero) or restores the choice by CPU (0), process-wide: for
/// tests comparing both paths on one machine.
void memchat_encoder_kernels_use_plain(int plain);

#endif
