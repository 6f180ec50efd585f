import CEncoderKernels
import Dispatch

/// One of the encoder's dense layers, y = W x + b, over the rows of a token matrix; the
/// products run in the C kernels (AVX2 and FMA where the CPU has them).
struct Linear: @unchecked Sendable {
    private enum Weights {
        /// One scale per output row.
        case int8(UnsafePointer<Int8>, scales: UnsafePointer<Float>)
        case float(UnsafePointer<Float>)
    }

    private let weights: Weights
    private let bias: UnsafePointer<Float>
    let inputs: Int
    let outputs: Int

    /// `name` is the layer's prefix in the file (`encoder.layer.0.attention.self.query`).
    init(_ file: EncoderFile, _ name: String, inputs: Int, outputs: Int) throws(EncoderError) {
        let weight = name + ".weight"
        if file.isQuantized(weight) {
            weights = .int8(
                try file.int8s(weight, shape: [outputs, inputs]), scales: try file.floats(weight + ".scale", shape: [outputs]))
        } else {
            weights = .float(try file.floats(weight, shape: [outputs, inputs]))
        }
        bias = try file.floats(name + ".bias", shape: [outputs])
        self.inputs = inputs
        self.outputs = outputs
    }

    /// Below this many multiply-adds one thread is quicker than waking a second: for a
    /// question of 16 pieces only the feed-forward products (9.4M) are split.
    private static let parallelWork = 1 << 22

    /// `output` (tokens x outputs) from `input` (tokens x inputs). Large products split
    /// their output rows between two threads, each reading half the weights once, unless
    /// `split` is false (work in the background, which leaves the other core to the user).
    func apply(_ input: UnsafePointer<Float>, tokens: Int, into output: UnsafeMutablePointer<Float>, split: Bool = true) {
        guard split, tokens * inputs * outputs >= Self.parallelWork else {
            rows(0..<outputs, input, tokens: tokens, into: output)
            return
        }
        let half = outputs / 32 * 16
        let output = UnsafeSendable(output), input = UnsafeSendable(input)
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            rows(part == 0 ? 0..<half : half..<outputs, input.pointer, tokens: tokens, into: output.pointer)
        }
    }

    private func rows(_ range: Range<Int>, _ input: UnsafePointer<Float>, tokens: Int, into output: UnsafeMutablePointer<Float>) {
        let first = range.lowerBound
        switch weights {
        case .int8(let matrix, let scales):
            memchat_linear_q8(
                matrix + first * inputs, scales + first, bias + first, input, Int32(tokens), Int32(inputs), Int32(range.count),
                output + first, Int32(outputs))
        case .float(let matrix):
            memchat_linear_f32(
                matrix + first * inputs, bias + first, input, Int32(tokens), Int32(inputs), Int32(range.count), output + first,
                Int32(outputs))
        }
    }
}

/// A pointer handed to the other thread of `Linear.apply`, which writes a disjoint part.
private struct UnsafeSendable<Pointer>: @unchecked Sendable {
    let pointer: Pointer
    init(_ pointer: Pointer) { self.pointer = pointer }
}
