/// One budget of docs/performance.md: what was measured, the limit, and whether it holds.
struct Budget: Codable, Sendable {
    var name: String
    var measured: Double
    var limit: Double
    /// true: `measured <= limit` passes; false: `measured >= limit` passes.
    var isCeiling: Bool
    var unit: String
    var pass: Bool

    init(_ name: String, measured: Double, atMost limit: Double, unit: String) {
        self.init(name: name, measured: measured, limit: limit, isCeiling: true, unit: unit)
    }

    init(_ name: String, measured: Double, atLeast limit: Double, unit: String) {
        self.init(name: name, measured: measured, limit: limit, isCeiling: false, unit: unit)
    }

    private init(name: String, measured: Double, limit: Double, isCeiling: Bool, unit: String) {
        self.name = name
        self.measured = measured
        self.limit = limit
        self.isCeiling = isCeiling
        self.unit = unit
        pass = isCeiling ? measured <= limit : measured >= limit
    }
}
