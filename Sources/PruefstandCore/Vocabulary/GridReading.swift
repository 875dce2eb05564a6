/// Reads a workbook's sheet as a grid of cell texts: `grid[r][c]` is the text of sheet row r+1, column c+1
/// (numbers as their plain text, empty cells nil). Declared here, below the stages, because Analysis
/// (`ReviewDecisions`) asks for it and Import (`XLSXGridReader`) implements it; the CLI also reads a CSV export
/// of the sheet.
public protocol GridReading: Sendable {
    func grid(path: String, sheet: String) throws -> [[String?]]
}
