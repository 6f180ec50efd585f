import Foundation

/// The figures of one retrieval mode, or why the binary refused it.
struct MemoryEvalResult: Codable {
    struct CategorySummary: Codable {
        var category: MemoryEvalCases.Category
        var cases: Int
        var hits: Int
        /// recall@5 in percent (for abstention: the share answered "not found").
        var rate: Double
        var meanItems: Double
        var meanInjectedCharacters: Double
    }

    var mode: String
    /// Set when memchat refused the mode (`retrieval = "hybrid"` before it exists).
    var notAvailable: String?
    var statementsLearnedAsFacts = 0
    var distractorsLearnedAsFacts = 0
    var categories: [CategorySummary] = []
    var recallAt5 = 0.0
    var abstention = 0.0
    var meanItems = 0.0
    var meanInjectedCharacters = 0.0
    var budgets: [Budget] = []
    var cases: [CaseOutcome] = []

    init(mode: String, notAvailable: String? = nil) {
        self.mode = mode
        self.notAvailable = notAvailable
    }

    init(mode: String, outcomes: [CaseOutcome], statementsLearned: Int, distractorsLearned: Int) {
        self.mode = mode
        cases = outcomes
        statementsLearnedAsFacts = statementsLearned
        distractorsLearnedAsFacts = distractorsLearned
        func share(_ outcomes: [CaseOutcome]) -> Double {
            outcomes.isEmpty ? 0 : 100 * Double(outcomes.filter(\.hit).count) / Double(outcomes.count)
        }
        func mean(_ values: [Int]) -> Double { values.isEmpty ? 0 : Double(values.reduce(0, +)) / Double(values.count) }
        categories = MemoryEvalCases.Category.allCases.compactMap { category in
            let inCategory = outcomes.filter { $0.category == category }
            guard !inCategory.isEmpty else { return nil }
            return CategorySummary(
                category: category, cases: inCategory.count, hits: inCategory.filter(\.hit).count, rate: share(inCategory),
                meanItems: mean(inCategory.map(\.injected.count)), meanInjectedCharacters: mean(inCategory.map(\.injectedCharacters)))
        }
        recallAt5 = share(outcomes.filter { $0.category != .abstention })
        abstention = share(outcomes.filter { $0.category == .abstention })
        meanItems = mean(outcomes.map(\.injected.count))
        meanInjectedCharacters = mean(outcomes.map(\.injectedCharacters))
        budgets = [
            Budget("recall@5, questions with an answer", measured: recallAt5, atLeast: 90, unit: "%"),
            Budget("recall@5, facts said in passing", measured: share(outcomes.filter { $0.category == .inPassing }), atLeast: 85, unit: "%"),
            Budget("abstentions answered \"not found\"", measured: abstention, atLeast: 90, unit: "%"),
        ]
    }

    func table() -> String {
        var lines = ["retrieval = \"\(mode)\""]
        if let notAvailable {
            return (lines + ["  not available: \(notAvailable)"]).joined(separator: "\n")
        }
        lines.append("facts learned from the statements told: \(statementsLearnedAsFacts), from distractors: \(distractorsLearnedAsFacts)")
        lines.append("")
        var rows = [["category", "cases", "hits", "recall@5 %", "items", "injected chars"]]
        for summary in categories {
            let name = summary.category == .abstention ? "abstention (not found %)" : summary.category.label
            rows.append([name, String(summary.cases), String(summary.hits), Report.fixed(summary.rate),
                         Report.fixed(summary.meanItems), Report.fixed(summary.meanInjectedCharacters)])
        }
        let answered = cases.filter { $0.category != .abstention }
        rows.append(["all with an answer", String(answered.count), String(answered.filter(\.hit).count), Report.fixed(recallAt5), "", ""])
        rows.append(["all questions", String(cases.count), "", "", Report.fixed(meanItems), Report.fixed(meanInjectedCharacters)])
        return (lines + Report.columns(rows) + [""] + Report.budgetRows(budgets)).joined(separator: "\n")
    }
}
