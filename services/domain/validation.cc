#include "services/domain/validation.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/status_macros.h"

namespace keyward::domain {
namespace {

// Decodes one UTF-8 sequence at `text[i]`; returns its length, or 0 when the
// bytes are not valid UTF-8 (overlong forms and surrogates included).
size_t DecodeUtf8(absl::string_view text, size_t i, uint32_t& code_point) {
  const auto byte = [&](size_t k) {
    return static_cast<unsigned char>(text[i + k]);
  };
  const unsigned char lead = byte(0);
  size_t length = 0;
  uint32_t min = 0;
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2, code_point = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code_point = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code_point = lead & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((byte(k) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(k) & 0x3F);
  }
  if (code_point < min || code_point > 0x10FFFF ||
      (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    return 0;
  }
  return length;
}

bool IsControl(uint32_t c) {
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F);
}

absl::string_view IdDescription(IdKind kind) {
  switch (kind) {
    case IdKind::kEnvironment:
      return "an environment id (env-…)";
    case IdKind::kUser:
      return "a user account id (u-…)";
    case IdKind::kServiceAccount:
      return "a service account id (sa-…)";
    case IdKind::kKafkaCluster:
      return "a Kafka cluster id (lkc-…)";
    case IdKind::kSchemaRegistry:
      return "a Schema Registry id (lsrc-…)";
    case IdKind::kKsqldbApp:
      return "a ksqlDB app id (lksqlc-…)";
    case IdKind::kFlinkRegion:
      return "a Flink region id (lfr-…)";
    case IdKind::kRoleBinding:
      return "a role binding id (rb-…)";
    case IdKind::kApiKey:
      return "an API key id (16 × [A-Z0-9])";
    case IdKind::kWebhook:
      return "a webhook id (wh-…)";
  }
  return "an id";
}

}  // namespace

absl::Status InvalidField(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", problem));
}

absl::Status CheckText(absl::string_view field, absl::string_view value,
                       Presence presence) {
  size_t code_points = 0;
  bool blank = true;
  for (size_t i = 0; i < value.size();) {
    uint32_t c = 0;
    const size_t length = DecodeUtf8(value, i, c);
    if (length == 0) return InvalidField(field, "is not valid UTF-8");
    if (IsControl(c)) {
      return InvalidField(field, "must not contain control characters");
    }
    if (c != ' ') blank = false;
    ++code_points;
    i += length;
  }
  if (code_points > kMaxTextLength) {
    return InvalidField(
        field, absl::StrCat("longer than ", kMaxTextLength, " characters"));
  }
  if (presence == Presence::kRequired && blank) {
    return InvalidField(field, "is required");
  }
  return absl::OkStatus();
}

absl::Status CheckWord(absl::string_view field, absl::string_view value) {
  if (value.empty()) return InvalidField(field, "is required");
  bool ok = value.size() <= 32 && value[0] >= 'a' && value[0] <= 'z';
  for (char c : value) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  }
  if (!ok) {
    return InvalidField(field,
                        "must match [a-z][a-z0-9-]{0,31} (e.g. \"prod\")");
  }
  return absl::OkStatus();
}

absl::Status CheckEmail(absl::string_view field, absl::string_view value) {
  if (value.empty()) return InvalidField(field, "is required");
  if (value.size() > kMaxEmailLength) {
    return InvalidField(
        field, absl::StrCat("longer than ", kMaxEmailLength, " characters"));
  }
  const size_t at = value.find('@');
  const bool shape_ok =
      at != absl::string_view::npos && at > 0 &&
      value.find('@', at + 1) == absl::string_view::npos &&
      value.find('.', at + 2) != absl::string_view::npos &&
      value.back() != '.' &&
      value.find_first_of(" \t\r\n<>()[],;:\"\\") == absl::string_view::npos;
  bool printable = true;
  for (char c : value) {
    printable = printable && static_cast<unsigned char>(c) > 0x20 &&
                static_cast<unsigned char>(c) < 0x7F;
  }
  if (!shape_ok || !printable) {
    return InvalidField(field, "is not an email address (name@example.com)");
  }
  return absl::OkStatus();
}

absl::Status CheckId(absl::string_view field, absl::string_view value,
                     std::initializer_list<IdKind> kinds) {
  if (value.empty()) return InvalidField(field, "is required");
  const std::optional<IdKind> kind =
      KindOfId(std::string_view(value.data(), value.size()));
  for (IdKind wanted : kinds) {
    if (kind == wanted) return absl::OkStatus();
  }
  std::vector<absl::string_view> expected;
  for (IdKind wanted : kinds) expected.push_back(IdDescription(wanted));
  return InvalidField(
      field, absl::StrCat("must be ", absl::StrJoin(expected, " or ")));
}

absl::Status CheckKeyResourceId(absl::string_view field,
                                absl::string_view value) {
  if (value.empty()) return InvalidField(field, "is required");
  if (value == kCloudResourceId ||
      ResourceKindOfId(std::string_view(value.data(), value.size()))) {
    return absl::OkStatus();
  }
  return InvalidField(field,
                      "must be \"cloud\" or a resource id (lkc-…, lsrc-…, "
                      "lksqlc-… or lfr-…)");
}

absl::StatusOr<int> CheckPageSize(int page_size) {
  if (page_size == 0) return kDefaultPageSize;
  if (page_size < 0 || page_size > kMaxPageSize) {
    return InvalidField("page_size",
                        absl::StrCat("must be from 0 to ", kMaxPageSize));
  }
  return page_size;
}

absl::Status CheckNameAndDescriptionUpdate(
    const std::optional<std::string>& display_name,
    Presence display_name_presence,
    const std::optional<std::string>& description, nlohmann::json& summary) {
  if (!display_name && !description) {
    return InvalidField("update_mask", "names nothing to update");
  }
  if (display_name) {
    KEYWARD_RETURN_IF_ERROR(
        CheckText("display_name", *display_name, display_name_presence));
    summary["display_name"] = *display_name;
  }
  if (description) {
    KEYWARD_RETURN_IF_ERROR(
        CheckText("description", *description, Presence::kOptional));
    summary["description"] = *description;
  }
  return absl::OkStatus();
}

}  // namespace keyward::domain
