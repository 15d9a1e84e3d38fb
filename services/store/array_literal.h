// ArrayLiteral: a PostgreSQL array literal built value by value, to pass a
// whole batch as one parameter (`$1::text[]`) and unnest it in SQL.
//
// Thread-safety: a plain value.
#ifndef KEYWARD_SERVICES_STORE_ARRAY_LITERAL_H_
#define KEYWARD_SERVICES_STORE_ARRAY_LITERAL_H_

#include <cstdint>
#include <string>

namespace keyward::store {

// Each value quoted (texts) or as is (numbers).
class ArrayLiteral {
 public:
  void AddText(const std::string& value) {
    Separate();
    text_ += '"';
    for (char c : value) {
      if (c == '"' || c == '\\') text_ += '\\';
      text_ += c;
    }
    text_ += '"';
  }
  void AddNumber(int64_t value) {
    Separate();
    text_ += std::to_string(value);
  }
  bool empty() const { return text_.size() == 1; }
  std::string str() const { return text_ + "}"; }

 private:
  void Separate() {
    if (text_.size() > 1) text_ += ',';
  }
  std::string text_ = "{";
};

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_ARRAY_LITERAL_H_
