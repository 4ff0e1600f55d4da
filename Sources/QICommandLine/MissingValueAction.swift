import ArgumentParser
import QIData
import QIRegression

/// What `qi fit` and `qi factors` do with a missing value (an empty cell or `NA`) in a
/// column the model uses: drop the row and report the count (the default, as R's
/// `na.action = na.omit`), or refuse the file (`--na fail`, R's `na.fail`), naming the first
/// missing cell so it can be filled in.
enum MissingValueAction: String, ExpressibleByArgument, CaseIterable {
    case drop
    case fail

    /// Under `fail`, throws exit 1 naming the file, the 1-based data row and the column of the
    /// first missing value in row order (then in the order of `columns`); under `drop`, nothing.
    func check(_ table: CSVTable, columns: [String]) throws {
        guard self == .fail else { return }
        var firstMissing: (row: Int, column: String)?
        for name in columns {
            let values = try table.texts(name)
            guard let row = values.firstIndex(where: { $0 == nil }) else { continue }
            if firstMissing.map({ row < $0.row }) ?? true { firstMissing = (row, name) }
        }
        guard let firstMissing else { return }
        throw CommandFailure.badInput("\(table.source), row \(firstMissing.row + 1), column "
            + "'\(firstMissing.column)': missing value (empty or NA) and --na fail was given. "
            + "Fill it in, or leave out --na fail to drop rows with a missing value in a model "
            + "column (their count is reported).")
    }
}
