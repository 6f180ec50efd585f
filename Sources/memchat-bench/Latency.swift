/// Percentiles of a set of timings in milliseconds (nearest rank, so p99 of 50 samples
/// is the slowest one).
struct LatencySummary: Codable, Sendable {
    var samples: Int
    var p50: Double
    var p99: Double
    var mean: Double
    var max: Double

    init(milliseconds values: [Double]) {
        let sorted = values.sorted()
        samples = sorted.count
        p50 = Self.percentile(0.50, of: sorted)
        p99 = Self.percentile(0.99, of: sorted)
        mean = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count)
        max = sorted.last ?? 0
    }

    private static func percentile(_ p: Double, of sorted: [Double]) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[Swift.max(0, Swift.min(sorted.count, rank) - 1)]
    }
}

/// Times work on the monotonic clock; wall-clock jumps cannot distort a sample.
enum Stopwatch {
    private static let clock = ContinuousClock()

    static func milliseconds<T>(_ body: () async throws -> T) async rethrows -> (result: T, milliseconds: Double) {
        let start = clock.now
        let result = try await body()
        return (result, milliseconds(start.duration(to: clock.now)))
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
    }
}
