// Plain-text layout of `keyward`'s default output: aligned columns, each as
// wide as its widest cell (counted in UTF-8 code points), two spaces apart,
// without trailing blanks. Control characters in cells become spaces so that
// one row stays one line.
//
// Thread-safety: stateless.
#ifndef KEYWARD_CLI_TABLE_H_
#define KEYWARD_CLI_TABLE_H_

#include <string>
#include <utility>
#include <vector>

namespace keyward::cli {

// A header row followed by `rows`, every line ending in "\n". Rows shorter
// than the header are padded with empty cells.
std::string FormatTable(const std::vector<std::string>& header,
                        const std::vector<std::vector<std::string>>& rows);

// One row on its own line (a stream's, not aligned with any other).
std::string FormatRow(const std::vector<std::string>& cells);

// One object as "Label:  value" lines, the values aligned.
std::string FormatFields(
    const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace keyward::cli

#endif  // KEYWARD_CLI_TABLE_H_
