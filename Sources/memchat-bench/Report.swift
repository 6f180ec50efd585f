import Foundation

/// Formatting shared by the benchmarks' reports.
enum Report {
    /// Left-aligns the first column and right-aligns the others.
    static func columns(_ rows: [[String]]) -> [String] {
        let widths = (0..<(rows.first?.count ?? 0)).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: "   ")
        }
    }

    /// One row per budget, with PASS or FAIL.
    static func budgetRows(_ budgets: [Budget]) -> [String] {
        columns(
            [["budget", "measured", "limit", "result"]]
                + budgets.map { budget in
                    [budget.name, "\(fixed(budget.measured)) \(budget.unit)",
                     "\(budget.isCeiling ? "<=" : ">=") \(fixed(budget.limit)) \(budget.unit)",
                     budget.pass ? "PASS" : "FAIL"]
                })
    }

    static func fixed(_ value: Double) -> String { String(format: "%.2f", value) }

    /// A latency row under the heading `name, samples, p50, p99, mean`.
    static func latencyRow(_ name: String, _ latency: LatencySummary) -> [String] {
        [name, String(latency.samples), fixed(latency.p50), fixed(latency.p99), fixed(latency.mean)]
    }

    /// A result as one JSON object (snake_case keys).
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw BenchError(description: "cannot encode the result as JSON: \(error)")
        }
    }
}
