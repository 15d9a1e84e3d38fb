// Keyset pagination shared by every List: items ordered by (create_time, id),
// a page fetched with one extra row to learn whether more follow.
//
// Thread-safety: stateless.
#ifndef KEYWARD_SERVICES_STORE_PAGING_H_
#define KEYWARD_SERVICES_STORE_PAGING_H_

#include <functional>
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "services/domain/types.h"
#include "services/store/sql_time.h"

namespace keyward::store {

// The WHERE condition for "after the cursor" given the parameter numbers of
// the cursor's micros and id; both parameters are NULL on the first page.
inline std::string AfterCursorCondition(int micros_param, int id_param) {
  const std::string micros = "$" + std::to_string(micros_param);
  const std::string id = "$" + std::to_string(id_param);
  return "(" + micros + "::bigint IS NULL OR (create_time, id) > (" +
         KEYWARD_SQL_TIME("" + micros + "") + ", " + id + "::text))";
}

inline std::optional<int64_t> CursorMicros(const domain::PageRequest& page) {
  if (!page.after) return std::nullopt;
  return ToMicros(page.after->create_time);
}

inline std::optional<std::string> CursorId(const domain::PageRequest& page) {
  if (!page.after) return std::nullopt;
  return page.after->id;
}

// Builds a page from rows fetched with LIMIT page_size + 1.
template <typename T>
domain::Page<T> MakePage(const pqxx::result& rows,
                         const domain::PageRequest& page,
                         const std::function<T(const pqxx::row&)>& convert) {
  domain::Page<T> result;
  for (const pqxx::row& row : rows) {
    if (static_cast<int>(result.items.size()) == page.page_size) {
      const T& last = result.items.back();
      result.next = domain::PageCursor{last.create_time, last.id};
      break;
    }
    result.items.push_back(convert(row));
  }
  return result;
}

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_PAGING_H_
