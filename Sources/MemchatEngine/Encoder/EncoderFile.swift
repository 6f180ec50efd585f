import Foundation

/// The sentence encoder's weights file, memory-mapped (layout: data/encoder/README.md):
/// opening reads and checks the header only; the kernel pages in the weights as the
/// first sentences use them, and every process on the machine shares those pages.
final class EncoderFile: @unchecked Sendable {
    static let name = "all-MiniLM-L6-v2.q8"
    private static let magic = Array("MCENC001".utf8)

    /// The model's shape, as the header gives it.
    struct Config: Equatable {
        var vocabSize: Int
        var hidden: Int
        var layers: Int
        var heads: Int
        var intermediate: Int
        var maxTokens: Int
        var layerNormEps: Float
    }

    private struct Tensor {
        var dtype: String
        var shape: [Int]
        var offset: Int
    }

    /// Read with `JSONSerialization`: decoding 139 tensors through `Codable` cost every
    /// process that ranks a question several milliseconds of type-metadata lookups.
    private struct Header {
        var config: Config
        var tensors: [String: Tensor]

        init?(_ data: Data) {
            guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
                  let config = root["config"] as? [String: Any], let tensors = root["tensors"] as? [String: Any]
            else { return nil }
            func int(_ key: String) -> Int? { (config[key] as? NSNumber)?.intValue }
            guard let vocabSize = int("vocab_size"), let hidden = int("hidden"), let layers = int("layers"),
                  let heads = int("heads"), let intermediate = int("intermediate"), let maxTokens = int("max_tokens"),
                  let eps = (config["layer_norm_eps"] as? NSNumber)?.floatValue
            else { return nil }
            self.config = Config(
                vocabSize: vocabSize, hidden: hidden, layers: layers, heads: heads, intermediate: intermediate,
                maxTokens: maxTokens, layerNormEps: eps)
            var read: [String: Tensor] = [:]
            for (name, value) in tensors {
                guard let tensor = value as? [String: Any], let dtype = tensor["dtype"] as? String,
                      let shape = (tensor["shape"] as? [NSNumber])?.map(\.intValue), let offset = (tensor["offset"] as? NSNumber)?.intValue
                else { return nil }
                read[name] = Tensor(dtype: dtype, shape: shape, offset: offset)
            }
            self.tensors = read
        }
    }

    let path: String
    let config: Config
    /// Of the header, which names every tensor's place and the model: vectors saved by
    /// another file's encoder are not reused.
    let fingerprint: UInt64
    private let base: UnsafeMutableRawPointer
    private let length: Int
    private let dataStart: Int
    private let tensors: [String: Tensor]

    init(path: String) throws(EncoderError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(file: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(file: path, reason: String(cString: strerror(errno))) }
        length = Int(info.st_size)
        guard length >= 16 else { throw .notAnEncoderFile(file: path) }
        guard let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
            throw .unreadable(file: path, reason: String(cString: strerror(errno)))
        }
        base = mapped
        // From here on a failure must unmap: deinit does not run for a failed init.
        do {
            (config, tensors, dataStart) = try Self.readHeader(mapped, length: length, path: path)
            fingerprint = FNV1a.hash(UnsafeRawBufferPointer(start: mapped, count: dataStart))
        } catch {
            munmap(mapped, length)
            throw error
        }
    }

    deinit { munmap(base, length) }

    private static func readHeader(
        _ base: UnsafeMutableRawPointer, length: Int, path: String
    ) throws(EncoderError) -> (Config, [String: Tensor], Int) {
        guard Array(UnsafeRawBufferPointer(start: base, count: 8)) == magic else { throw .notAnEncoderFile(file: path) }
        let headerLength = Int(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        guard headerLength > 0, headerLength <= length - 16 else {
            throw .damaged(file: path, reason: "a header of \(headerLength) bytes in a file of \(length)")
        }
        guard let header = Header(Data(bytes: base + 16, count: headerLength)) else {
            throw .damaged(file: path, reason: "the header is not the JSON of a config and tensors")
        }
        let dataStart = (16 + headerLength + 63) / 64 * 64
        for (name, tensor) in header.tensors {
            let size = tensor.shape.reduce(1, *) * (tensor.dtype == "f32" ? 4 : 1)
            guard ["f32", "i8", "u8"].contains(tensor.dtype), tensor.offset >= 0, tensor.offset % 64 == 0,
                  dataStart + tensor.offset + size <= length
            else {
                throw .damaged(file: path, reason: "tensor \(name) (\(tensor.dtype) \(tensor.shape) at \(tensor.offset)) does not fit the file")
            }
        }
        return (header.config, header.tensors, dataStart)
    }

    /// Whether `name` is stored as int8 (with a `.scale` per row) rather than f32.
    func isQuantized(_ name: String) -> Bool { tensors[name]?.dtype == "i8" }

    func floats(_ name: String, shape: [Int]) throws(EncoderError) -> UnsafePointer<Float> {
        try pointer(name, dtype: "f32", shape: shape).assumingMemoryBound(to: Float.self)
    }

    func int8s(_ name: String, shape: [Int]) throws(EncoderError) -> UnsafePointer<Int8> {
        try pointer(name, dtype: "i8", shape: shape).assumingMemoryBound(to: Int8.self)
    }

    /// A `u8` tensor's bytes (the vocabulary).
    func bytes(_ name: String) throws(EncoderError) -> Data {
        guard let tensor = tensors[name], tensor.dtype == "u8", tensor.shape.count == 1 else {
            throw .damaged(file: path, reason: "no u8 tensor \(name)")
        }
        return Data(bytes: base + dataStart + tensor.offset, count: tensor.shape[0])
    }

    private func pointer(_ name: String, dtype: String, shape: [Int]) throws(EncoderError) -> UnsafeRawPointer {
        guard let tensor = tensors[name] else { throw .damaged(file: path, reason: "no tensor \(name)") }
        guard tensor.dtype == dtype, tensor.shape == shape else {
            throw .damaged(file: path, reason: "tensor \(name) is \(tensor.dtype) \(tensor.shape), expected \(dtype) \(shape)")
        }
        return UnsafeRawPointer(base + dataStart + tensor.offset)
    }
}
