/// FNV-1a, 64 bits: cheap, stable across processes and builds (unlike `Hasher`), for what
/// is kept on disk: fact vector keys, turn id hashes, header checksums, table fingerprints.
enum FNV1a {
    static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
