import Foundation

/// Makes ULID-like ids: 10 characters of millisecond time then 16 random characters in
/// Crockford base32, so ids sort by creation time and never collide in practice.
public struct IDGenerator: Sendable {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    public init() {}

    public func makeID(at date: Date) -> String {
        var bytes = [UInt8](repeating: 0, count: 26)
        var millis = UInt64(max(0, Timestamp.milliseconds(date)))
        for index in stride(from: 9, through: 0, by: -1) {
            bytes[index] = Self.alphabet[Int(millis & 31)]
            millis >>= 5
        }
        bytes.replaceSubrange(10..<26, with: Self.randomCharacters(16))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// 8 random characters (40 bits) of the same alphabet, for ids a user types, such as
    /// memory fact ids; whoever stores one checks it is not taken yet.
    public func shortID() -> String {
        String(decoding: Self.randomCharacters(8), as: UTF8.self)
    }

    private static func randomCharacters(_ count: Int) -> [UInt8] {
        var random = SystemRandomNumberGenerator()
        return (0..<count).map { _ in alphabet[Int(random.next() & 31)] }
    }

    public func sessionID(at date: Date) -> SessionID {
        // The alphabet above only yields valid identifier characters.
        SessionID(unchecked: makeID(at: date))
    }

    public func turnID(at date: Date) -> TurnID {
        TurnID(unchecked: makeID(at: date))
    }

    /// A stable id for an imported turn that came without one, so importing the same
    /// file twice finds the same turns instead of duplicating them.
    public static func derivedTurnID(session: SessionID, index: Int) -> TurnID {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a 64
        for byte in "\(session.rawValue)#\(index)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return TurnID(unchecked: "imp" + String(hash, radix: 32))
    }
}

extension SessionID {
    /// For ids built from the generator's own alphabet only.
    init(unchecked value: String) { self.rawValue = value }
}

extension TurnID {
    init(unchecked value: String) { self.rawValue = value }
}
