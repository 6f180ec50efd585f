import CCodeScan

/// The scan behind every query: Hamming distances of all codes to the query's code,
/// then the `count` nearest records, found by a histogram of distances (0...128) rather
/// than a sort, so the work is two passes over one byte per record.
enum CodeScan {
    /// Records read per chunk: 1 MiB of codes, the scan's only buffer beside the distances.
    static let chunkRecords = 65_536

    struct Shortlist {
        /// Record positions, nearest first; among equal distances the newer (higher) first.
        var positions: [Int]
        var distances: [Int: Int]

        func distance(of position: Int) -> Int { distances[position] ?? 128 }
    }

    /// Records of one code kept in a shortlist. People say the same few words again and
    /// again ("Hi!", "Thanks!", "No rush."), each a clause record with the same code; a
    /// thousand of them at one distance would fill the shortlist and push out the one
    /// record that answers.
    static let recordsPerCode = 2

    /// The `count` records nearest to `query`, at most `recordsPerCode` of any one code
    /// (the newest). `flag`: a code bit left out of the distance, whose records count
    /// `penalty` further. The nearest 8 x `count` are found first, and 8 times more each
    /// time copies leave fewer than `count` (rarely more than once). Their codes are read
    /// (one read each) only as far as the shortlist needs, a batch at a time: reading all
    /// 8 x `count` cost 10 µs a shortlisted record at 1M turns.
    static func shortlist(
        files: TurnIndexFiles, records: Int, query: (UInt64, UInt64), count: Int, flag: UInt64 = 0, penalty: UInt32 = 0
    ) throws -> Shortlist {
        var wanted = count
        while true {
            wanted = min(wanted * 8, records)
            let nearest = try shortlist(files: files, records: records, query: query, flag: flag, penalty: penalty, count: wanted)
            var seen: [UInt64: Int] = [:]
            var kept = Shortlist(positions: [], distances: [:])
            var read = 0
            while kept.positions.count < count, read < nearest.positions.count {
                let batch = Array(nearest.positions[read..<min(read + max(count - kept.positions.count, 64), nearest.positions.count)])
                read += batch.count
                for (position, code) in zip(batch, try files.readCodes(at: batch)) where kept.positions.count < count {
                    let key = code.0 ^ (code.1 &* 0x9E37_79B9_7F4A_7C15)
                    guard seen[key, default: 0] < recordsPerCode else { continue }
                    seen[key, default: 0] += 1
                    kept.positions.append(position)
                    kept.distances[position] = nearest.distance(of: position)
                }
            }
            if kept.positions.count >= count || wanted >= records { return kept }
        }
    }

    private static func shortlist(
        files: TurnIndexFiles, records: Int, query: (UInt64, UInt64), flag: UInt64, penalty: UInt32, count: Int
    ) throws -> Shortlist {
        guard records > 0, count > 0 else { return Shortlist(positions: [], distances: [:]) }
        var distances = [UInt8](repeating: 255, count: records)
        var histogram = [Int64](repeating: 0, count: 129)
        var scanned = 0
        let (q0, q1) = query
        try distances.withUnsafeMutableBufferPointer { distances in
            try histogram.withUnsafeMutableBufferPointer { histogram in
                try files.scanCodes(records: records, chunk: chunkRecords) { first, codes in
                    let count = codes.count / 2
                    guard let base = codes.baseAddress, let into = distances.baseAddress, let counts = histogram.baseAddress else { return }
                    memchat_code_distances(base, count, q0, q1, flag, penalty, into + first, counts)
                    scanned = first + count
                }
            }
        }
        // The distance at which the shortlist fills: all nearer records, then the newest
        // of those at exactly that distance.
        var threshold = 0, nearer = 0
        while threshold < 128, nearer + Int(histogram[threshold]) < count {
            nearer += Int(histogram[threshold])
            threshold += 1
        }
        var atThreshold = count - nearer
        var byDistance = [[Int]](repeating: [], count: threshold + 1)
        for position in stride(from: scanned - 1, through: 0, by: -1) {
            let distance = Int(distances[position])
            if distance < threshold {
                byDistance[distance].append(position)
            } else if distance == threshold, atThreshold > 0 {
                byDistance[distance].append(position)
                atThreshold -= 1
            }
        }
        var found: [Int: Int] = [:]
        var positions: [Int] = []
        positions.reserveCapacity(count)
        for (distance, group) in byDistance.enumerated() {
            for position in group {
                positions.append(position)
                found[position] = distance
            }
        }
        return Shortlist(positions: positions, distances: found)
    }
}
