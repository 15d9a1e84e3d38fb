#include "cli/private_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

namespace keyward::cli {
namespace {

// mkdir -p with `mode` for the directories it creates.
bool MakeDirectories(const std::string& dir, mode_t mode, std::string* error) {
  if (dir.empty() || dir == "/" || dir == ".") return true;
  struct stat info;
  if (stat(dir.c_str(), &info) == 0) {
    if (S_ISDIR(info.st_mode)) return true;
    *error = dir + " is not a directory";
    return false;
  }
  if (!MakeDirectories(ParentDirectory(dir), mode, error)) return false;
  if (mkdir(dir.c_str(), mode) != 0 && errno != EEXIST) {
    *error = "cannot create " + dir + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

bool WriteAll(int fd, const std::string& text) {
  size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = write(fd, text.data() + written, text.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    written += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

std::string ParentDirectory(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

bool ReadPrivateFile(const std::string& path, std::string* text, bool* exists,
                     std::string* error) {
  text->clear();
  *exists = false;
  struct stat info;
  if (stat(path.c_str(), &info) != 0 && errno == ENOENT) return true;
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    *error = "cannot read " + path;
    return false;
  }
  text->assign(std::istreambuf_iterator<char>(file),
               std::istreambuf_iterator<char>());
  if (file.bad()) {
    *error = "cannot read " + path;
    return false;
  }
  *exists = true;
  return true;
}

bool ReadPrivateJson(const std::string& path,
                     std::optional<nlohmann::json>* json, std::string* error) {
  json->reset();
  std::string text;
  bool exists = false;
  if (!ReadPrivateFile(path, &text, &exists, error)) return false;
  if (exists) {
    *json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  }
  return true;
}

bool WritePrivateFile(const std::string& path, const std::string& text,
                      std::string* error) {
  const std::string dir = ParentDirectory(path);
  if (!MakeDirectories(dir, 0700, error)) return false;
  chmod(dir.c_str(), 0700);

  const std::string temporary = path + ".tmp";
  unlink(temporary.c_str());
  const int fd =
      open(temporary.c_str(),
           O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    *error = "cannot write " + temporary + ": " + std::strerror(errno);
    return false;
  }
  const bool written =
      fchmod(fd, 0600) == 0 && WriteAll(fd, text) && fsync(fd) == 0;
  const int saved_errno = errno;
  close(fd);
  if (!written || rename(temporary.c_str(), path.c_str()) != 0) {
    *error = "cannot write " + path + ": " +
             std::strerror(written ? errno : saved_errno);
    unlink(temporary.c_str());
    return false;
  }
  return true;
}

}  // namespace keyward::cli
