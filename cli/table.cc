#include "cli/table.h"

#include <algorithm>

namespace keyward::cli {
namespace {

// Code points, not bytes: continuation bytes (10xxxxxx) do not count.
size_t DisplayWidth(const std::string& text) {
  size_t width = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++width;
  }
  return width;
}

std::string Sanitize(const std::string& cell) {
  std::string clean = cell;
  for (char& c : clean) {
    const unsigned char byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) c = ' ';
  }
  return clean;
}

std::string Align(const std::vector<std::vector<std::string>>& lines) {
  size_t columns = 0;
  for (const auto& line : lines) columns = std::max(columns, line.size());
  std::vector<size_t> widths(columns, 0);
  std::vector<std::vector<std::string>> cells;
  for (const auto& line : lines) {
    std::vector<std::string> clean(columns);
    for (size_t i = 0; i < line.size(); ++i) {
      clean[i] = Sanitize(line[i]);
      widths[i] = std::max(widths[i], DisplayWidth(clean[i]));
    }
    cells.push_back(std::move(clean));
  }
  std::string text;
  for (const auto& line : cells) {
    std::string row;
    for (size_t i = 0; i < columns; ++i) {
      row += line[i];
      if (i + 1 < columns) {
        row += std::string(widths[i] - DisplayWidth(line[i]) + 2, ' ');
      }
    }
    while (!row.empty() && row.back() == ' ') row.pop_back();
    text += row + "\n";
  }
  return text;
}

}  // namespace

std::string FormatTable(const std::vector<std::string>& header,
                        const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::vector<std::string>> lines;
  lines.push_back(header);
  lines.insert(lines.end(), rows.begin(), rows.end());
  return Align(lines);
}

std::string FormatRow(const std::vector<std::string>& cells) {
  return Align({cells});
}

std::string FormatFields(
    const std::vector<std::pair<std::string, std::string>>& fields) {
  std::vector<std::vector<std::string>> lines;
  for (const auto& [label, value] : fields) {
    lines.push_back({label + ":", value});
  }
  return Align(lines);
}

}  // namespace keyward::cli
