import MemchatCore

/// One indexed piece of a user turn (the whole turn, or one of its clauses): its sign
/// code, which goes to the codes file, and its entry (turn id, clause number, quantised
/// vector), which goes to the entries file at the same position.
struct TurnIndexRecord: Sendable {
    var code: (UInt64, UInt64)
    var turnID: TurnID
    /// 0: the whole turn; 1...: its clauses in order.
    var clause: UInt8
    var vector: [Int8]
    /// Whether the text asks or requests, in a layout that marks requests
    /// (`TurnIndexLayout.marksRequests`; nil in one that does not): kept in the entry,
    /// and written as the code's top bit in place of that projection bit.
    var isRequest: Bool? = nil

    /// Codes file record: two little-endian 64-bit words.
    static let codeSize = 16
    /// Entries file record: id length u8, clause u8, request flag u8, 5 reserved, id hash u64, id bytes
    /// (64, zero padded), then the int8 vector (the model's dimensions: 128 or 384).
    static func entrySize(dimensions: Int) -> Int { 16 + 64 + dimensions }
    static let requestOffset = 2
    static let idOffset = 16
    static let hashOffset = 8
    static let vectorOffset = 80

    func writeCode(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) {
        buffer.storeBytes(of: code.0.littleEndian, toByteOffset: offset, as: UInt64.self)
        let second = isRequest.map { $0 ? code.1 | TurnIndexLayout.requestBit : code.1 & ~TurnIndexLayout.requestBit } ?? code.1
        buffer.storeBytes(of: second.littleEndian, toByteOffset: offset + 8, as: UInt64.self)
    }

    func writeEntry(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) {
        let id = Array(turnID.rawValue.utf8)
        buffer[offset] = UInt8(id.count)
        buffer[offset + 1] = clause
        buffer[offset + Self.requestOffset] = isRequest == true ? 1 : 0
        buffer.storeBytes(of: FNV1a.hash(id).littleEndian, toByteOffset: offset + Self.hashOffset, as: UInt64.self)
        for (index, byte) in id.enumerated() { buffer[offset + Self.idOffset + index] = byte }
        for (index, value) in vector.enumerated() { buffer[offset + Self.vectorOffset + index] = UInt8(bitPattern: value) }
    }

    /// The turn id of an entry; nil when the bytes are not a valid id (a damaged file).
    static func turnID(ofEntry entry: UnsafeRawBufferPointer) -> TurnID? {
        let length = Int(entry[0])
        guard (1...64).contains(length) else { return nil }
        let bytes = UnsafeRawBufferPointer(rebasing: entry[idOffset..<(idOffset + length)])
        return try? TurnID(String(decoding: bytes, as: UTF8.self))
    }

    static func idHash(ofEntry entry: UnsafeRawBufferPointer) -> UInt64 {
        UInt64(littleEndian: entry.loadUnaligned(fromByteOffset: hashOffset, as: UInt64.self))
    }
}
