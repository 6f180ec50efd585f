import CEncoderKernels
import Foundation

/// all-MiniLM-L6-v2, the sentence encoder memchat finds meanings with: a text's word
/// pieces through six BERT layers, then the mean of the last hidden states, normalised,
/// as sentence-transformers computes it (data/encoder/README.md, step by step). Inputs are
/// cut at 128 word pieces. The weights are memory-mapped on first use (`shared()`), never
/// at process start.
public final class SentenceEncoder: Sendable {
    public static let dimensions = 384
    public let tokenizer: WordPieceTokenizer
    let file: EncoderFile
    private let config: EncoderFile.Config
    private let embeddings: Embeddings
    private let layers: [Layer]
    private let classID: Int
    private let separatorID: Int

    public init(path: String) throws(EncoderError) {
        file = try EncoderFile(path: path)
        config = file.config
        let expected = EncoderFile.Config(
            vocabSize: config.vocabSize, hidden: Self.dimensions, layers: config.layers, heads: 12, intermediate: config.intermediate,
            maxTokens: 128, layerNormEps: config.layerNormEps)
        guard config == expected, config.hidden % config.heads == 0 else {
            throw .damaged(file: path, reason: "a model of another shape: \(config)")
        }
        do {
            tokenizer = try WordPieceTokenizer.shared(vocabulary: try file.bytes("vocab"), file: path)
        } catch {
            throw .damaged(file: path, reason: "its vocabulary: \(error)")
        }
        guard tokenizer.count == config.vocabSize, let cls = tokenizer.id(of: "[CLS]"), let sep = tokenizer.id(of: "[SEP]") else {
            throw .damaged(file: path, reason: "a vocabulary of \(tokenizer.count) tokens for \(config.vocabSize) rows")
        }
        classID = cls
        separatorID = sep
        embeddings = try Embeddings(file, config)
        var layers: [Layer] = []
        for index in 0..<config.layers { layers.append(try Layer(file, "encoder.layer.\(index)", config)) }
        self.layers = layers
    }

    /// Loaded once, by the first caller (Swift initialises a static `let` once, thread-safely).
    /// `MEMCHAT_BENCH_ENCODER` names another weights file, for `memchat-bench memory` to
    /// measure the shipped int8 weights against f32 ones (`convert-encoder.py --f32`); it
    /// is not a setting for users.
    private static let loaded = Result { () throws(EncoderError) -> SentenceEncoder in
        if let path = ProcessInfo.processInfo.environment["MEMCHAT_BENCH_ENCODER"] { return try SentenceEncoder(path: path) }
        let (found, searched) = DataFiles.locate(EncoderFile.name, in: "encoder")
        guard let found else { throw .notFound(searched: searched.map(\.path)) }
        return try SentenceEncoder(path: found.path)
    }

    /// The process-wide encoder from the file `DataFiles` finds; the same error on every
    /// call if it cannot be loaded.
    public static func shared() throws(EncoderError) -> SentenceEncoder {
        try loaded.get()
    }

    /// The ids the model reads: `[CLS]`, the first 126 word pieces, `[SEP]`.
    public func tokenIDs(_ text: String) -> [Int] {
        [classID] + tokenizer.tokenize(text).prefix(config.maxTokens - 2) + [separatorID]
    }

    /// The unit-length 384-dimensional vector of `text`. `oneThread`: the large products
    /// are not split over a second core (background work, which leaves it to the user).
    public func encode(_ text: String, oneThread: Bool = false) -> [Float] {
        encode(ids: tokenIDs(text), oneThread: oneThread)
    }

    func encode(ids: [Int], oneThread: Bool = false) -> [Float] {
        let tokens = ids.count, hidden = config.hidden
        var state = [Float](repeating: 0, count: tokens * hidden)
        var scratch = Scratch(tokens: tokens, config: config, split: !oneThread)
        state.withUnsafeMutableBufferPointer { state in
            embeddings.lookup(ids, into: state.baseAddress!, eps: config.layerNormEps)
            for layer in layers { layer.apply(state.baseAddress!, tokens: tokens, scratch: &scratch, config: config) }
        }
        // Mean over every token ([CLS] and [SEP] too), then unit length.
        var pooled = [Float](repeating: 0, count: hidden)
        for token in 0..<tokens {
            for index in 0..<hidden { pooled[index] += state[token * hidden + index] }
        }
        let norm = max(pooled.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-12)
        return pooled.map { $0 / norm }
    }
}

/// Working memory of one `encode` call, sized for its tokens, and whether its large
/// products may use a second thread.
private struct Scratch {
    var query, key, value, context, projected: [Float]
    var intermediate: [Float]
    var scores: [Float]
    let split: Bool

    init(tokens: Int, config: EncoderFile.Config, split: Bool) {
        self.split = split
        let size = tokens * config.hidden
        query = [Float](repeating: 0, count: size)
        key = query
        value = query
        context = query
        projected = query
        intermediate = [Float](repeating: 0, count: tokens * config.intermediate)
        scores = [Float](repeating: 0, count: tokens)
    }
}

/// Word, position and token-type embeddings, summed and normalised.
private struct Embeddings: @unchecked Sendable {
    private let words: EmbeddingRows
    private let positions: UnsafePointer<Float>
    private let tokenType: UnsafePointer<Float>
    private let norm: LayerNorm
    private let hidden: Int

    private enum EmbeddingRows {
        case int8(UnsafePointer<Int8>, scales: UnsafePointer<Float>)
        case float(UnsafePointer<Float>)
    }

    init(_ file: EncoderFile, _ config: EncoderFile.Config) throws(EncoderError) {
        let name = "embeddings.word_embeddings.weight", shape = [config.vocabSize, config.hidden]
        words = file.isQuantized(name)
            ? .int8(try file.int8s(name, shape: shape), scales: try file.floats(name + ".scale", shape: [config.vocabSize]))
            : .float(try file.floats(name, shape: shape))
        positions = try file.floats("embeddings.position_embeddings.weight", shape: [config.maxTokens, config.hidden])
        tokenType = try file.floats("embeddings.token_type_embeddings.weight", shape: [2, config.hidden])
        norm = try LayerNorm(file, "embeddings.LayerNorm", width: config.hidden)
        hidden = config.hidden
    }

    func lookup(_ ids: [Int], into state: UnsafeMutablePointer<Float>, eps: Float) {
        for (token, id) in ids.enumerated() {
            let row = state + token * hidden, position = positions + token * hidden
            switch words {
            case .int8(let matrix, let scales):
                let word = matrix + id * hidden, scale = scales[id]
                for index in 0..<hidden { row[index] = Float(word[index]) * scale + position[index] + tokenType[index] }
            case .float(let matrix):
                let word = matrix + id * hidden
                for index in 0..<hidden { row[index] = word[index] + position[index] + tokenType[index] }
            }
            norm.apply(row, eps: eps)
        }
    }
}

/// LayerNorm over one token's hidden vector, in place.
private struct LayerNorm: @unchecked Sendable {
    private let gamma: UnsafePointer<Float>
    private let beta: UnsafePointer<Float>
    private let width: Int

    init(_ file: EncoderFile, _ name: String, width: Int) throws(EncoderError) {
        gamma = try file.floats(name + ".weight", shape: [width])
        beta = try file.floats(name + ".bias", shape: [width])
        self.width = width
    }

    func apply(_ row: UnsafeMutablePointer<Float>, eps: Float) {
        var mean: Float = 0
        for index in 0..<width { mean += row[index] }
        mean /= Float(width)
        var variance: Float = 0
        for index in 0..<width {
            let centred = row[index] - mean
            variance += centred * centred
        }
        let scale = 1 / (variance / Float(width) + eps).squareRoot()
        for index in 0..<width { row[index] = (row[index] - mean) * scale * gamma[index] + beta[index] }
    }
}

/// One transformer layer: self-attention, add and normalise; feed-forward, add and normalise.
private struct Layer: Sendable {
    let query, key, value, attentionOutput, intermediate, output: Linear
    let attentionNorm, outputNorm: LayerNorm

    init(_ file: EncoderFile, _ prefix: String, _ config: EncoderFile.Config) throws(EncoderError) {
        let hidden = config.hidden
        query = try Linear(file, prefix + ".attention.self.query", inputs: hidden, outputs: hidden)
        key = try Linear(file, prefix + ".attention.self.key", inputs: hidden, outputs: hidden)
        value = try Linear(file, prefix + ".attention.self.value", inputs: hidden, outputs: hidden)
        attentionOutput = try Linear(file, prefix + ".attention.output.dense", inputs: hidden, outputs: hidden)
        attentionNorm = try LayerNorm(file, prefix + ".attention.output.LayerNorm", width: hidden)
        intermediate = try Linear(file, prefix + ".intermediate.dense", inputs: hidden, outputs: config.intermediate)
        output = try Linear(file, prefix + ".output.dense", inputs: config.intermediate, outputs: hidden)
        outputNorm = try LayerNorm(file, prefix + ".output.LayerNorm", width: hidden)
    }

    func apply(_ state: UnsafeMutablePointer<Float>, tokens: Int, scratch: inout Scratch, config: EncoderFile.Config) {
        let hidden = config.hidden, split = scratch.split
        scratch.query.withUnsafeMutableBufferPointer { query in
            scratch.key.withUnsafeMutableBufferPointer { key in
                scratch.value.withUnsafeMutableBufferPointer { value in
                    scratch.context.withUnsafeMutableBufferPointer { context in
                        scratch.scores.withUnsafeMutableBufferPointer { scores in
                            self.query.apply(state, tokens: tokens, into: query.baseAddress!, split: split)
                            self.key.apply(state, tokens: tokens, into: key.baseAddress!, split: split)
                            self.value.apply(state, tokens: tokens, into: value.baseAddress!, split: split)
                            Self.attend(
                                query.baseAddress!, key.baseAddress!, value.baseAddress!, tokens: tokens, heads: config.heads,
                                hidden: hidden, scores: scores.baseAddress!, into: context.baseAddress!)
                        }
                    }
                }
            }
        }
        scratch.context.withUnsafeBufferPointer { context in
            scratch.projected.withUnsafeMutableBufferPointer { projected in
                attentionOutput.apply(context.baseAddress!, tokens: tokens, into: projected.baseAddress!, split: split)
                addAndNormalise(projected.baseAddress!, into: state, tokens: tokens, norm: attentionNorm, config: config)
            }
        }
        scratch.intermediate.withUnsafeMutableBufferPointer { intermediate in
            scratch.projected.withUnsafeMutableBufferPointer { projected in
                self.intermediate.apply(state, tokens: tokens, into: intermediate.baseAddress!, split: split)
                memchat_gelu(intermediate.baseAddress!, Int32(tokens * config.intermediate))
                output.apply(intermediate.baseAddress!, tokens: tokens, into: projected.baseAddress!, split: split)
                addAndNormalise(projected.baseAddress!, into: state, tokens: tokens, norm: outputNorm, config: config)
            }
        }
    }

    private func addAndNormalise(
        _ update: UnsafePointer<Float>, into state: UnsafeMutablePointer<Float>, tokens: Int, norm: LayerNorm,
        config: EncoderFile.Config
    ) {
        for token in 0..<tokens {
            let row = state + token * config.hidden
            for index in 0..<config.hidden { row[index] += update[token * config.hidden + index] }
            norm.apply(row, eps: config.layerNormEps)
        }
    }

    /// Scaled dot-product attention, every head, every token with every token (one text,
    /// no padding, so no mask).
    private static func attend(
        _ query: UnsafePointer<Float>, _ key: UnsafePointer<Float>, _ value: UnsafePointer<Float>, tokens: Int, heads: Int,
        hidden: Int, scores: UnsafeMutablePointer<Float>, into context: UnsafeMutablePointer<Float>
    ) {
        let size = hidden / heads
        let scale = 1 / Float(size).squareRoot()
        for head in 0..<heads {
            let offset = head * size
            for row in 0..<tokens {
                let q = query + row * hidden + offset
                var largest = -Float.infinity
                for column in 0..<tokens {
                    let k = key + column * hidden + offset
                    var dot: Float = 0
                    for index in 0..<size { dot += q[index] * k[index] }
                    scores[column] = dot * scale
                    largest = max(largest, scores[column])
                }
                var total: Float = 0
                for column in 0..<tokens {
                    scores[column] = expf(scores[column] - largest)
                    total += scores[column]
                }
                let out = context + row * hidden + offset
                for index in 0..<size { out[index] = 0 }
                for column in 0..<tokens {
                    let weight = scores[column] / total, v = value + column * hidden + offset
                    for index in 0..<size { out[index] += weight * v[index] }
                }
            }
        }
    }
}
