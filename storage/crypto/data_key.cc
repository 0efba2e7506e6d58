#include "storage/crypto/data_key.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "storage/crypto/primitives.h"

namespace caitiao::crypto {
namespace {

constexpr size_t kKeyBytes = 32;
constexpr size_t kMaxFileSize = 4096;  // a key file is 65 bytes

// Call with errno saved first: building the message may change it.
absl::Status ErrnoError(int error, const std::string& what) {
  return absl::ErrnoToStatus(error, what);
}

// Closes the descriptor on every path out.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

// mkdir -p with mode 0700 for the folders it creates.
absl::Status MakeParentDirs(const std::string& path) {
  for (size_t slash = path.find('/', 1); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    const std::string dir = path.substr(0, slash);
    if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
      const int error = errno;
      return ErrnoError(error, absl::StrCat("cannot create folder ", dir, " for the data key"));
    }
  }
  return absl::OkStatus();
}

absl::Status WriteAll(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      const int error = errno;
      if (error == EINTR) continue;
      return ErrnoError(error, "write");
    }
    done += static_cast<size_t>(n);
  }
  return absl::OkStatus();
}

// Makes the new directory entry durable (best effort).
void SyncParentDir(const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  Fd fd(open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() >= 0) fsync(fd.get());
}

// Creates the key file; ALREADY_EXISTS if someone else has. The key is
// written and fsync'ed under a temporary name (O_EXCL, 0600) and then linked
// to `path`, which fails if `path` exists: so `path` never holds a partial
// key, neither for a racing reader nor after a crash.
absl::StatusOr<std::string> CreateKeyFile(const std::string& path) {
  if (absl::Status s = MakeParentDirs(path); !s.ok()) return s;
  const std::string temp = absl::StrCat(path, ".new-", Hex(RandomBytes(6)));
  std::string key = RandomBytes(kKeyBytes);
  {
    Fd fd(open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
    if (fd.get() < 0) {
      const int error = errno;
      return ErrnoError(error, absl::StrCat("cannot create the data key file ", temp));
    }
    std::string text = absl::StrCat(Hex(key), "\n");
    absl::Status written = WriteAll(fd.get(), text);
    if (written.ok() && fsync(fd.get()) != 0) {
      const int error = errno;
      written = ErrnoError(error, "fsync");
    }
    std::fill(text.begin(), text.end(), '\0');
    if (!written.ok()) {
      unlink(temp.c_str());
      return absl::Status(written.code(), absl::StrCat("cannot write the data key file ", temp,
                                                       ": ", written.message()));
    }
  }
  const int linked = link(temp.c_str(), path.c_str());
  const int error = errno;
  unlink(temp.c_str());
  if (linked != 0) {
    if (error == EEXIST) return absl::AlreadyExistsError(path);
    return ErrnoError(error, absl::StrCat("cannot create the data key file ", path));
  }
  SyncParentDir(path);
  return key;
}

}  // namespace

absl::StatusOr<std::string> ParseDataKey(absl::string_view text) {
  const absl::string_view hex = absl::StripAsciiWhitespace(text);
  bool all_hex = hex.size() == 2 * kKeyBytes;
  for (char c : hex) all_hex = all_hex && absl::ascii_isxdigit(static_cast<unsigned char>(c));
  if (!all_hex) {
    return absl::InvalidArgumentError(
        absl::StrCat("a data key must be ", 2 * kKeyBytes,
                     " hex characters (32 random bytes), optionally followed by a newline"));
  }
  return absl::HexStringToBytes(hex);
}

absl::StatusOr<std::string> LoadDataKeyFile(const std::string& path) {
  Fd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (fd.get() < 0) {
    const int error = errno;
    if (error == ENOENT) return absl::NotFoundError(absl::StrCat("no data key file at ", path));
    return ErrnoError(error, absl::StrCat("cannot open the data key file ", path));
  }
  struct stat st;
  if (fstat(fd.get(), &st) != 0) {
    const int error = errno;
    return ErrnoError(error, absl::StrCat("cannot stat the data key file ", path));
  }
  if (!S_ISREG(st.st_mode)) {
    return absl::FailedPreconditionError(
        absl::StrCat("the data key file ", path, " is not a regular file"));
  }
  if ((st.st_mode & (S_IRGRP | S_IWGRP | S_IROTH | S_IWOTH)) != 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the data key file ", path,
        " may be read or written by group or others; restrict it with: chmod 600 ", path));
  }
  if (st.st_size > static_cast<off_t>(kMaxFileSize)) {
    return absl::InvalidArgumentError(
        absl::StrCat("the data key file ", path, " is too large to be a data key"));
  }
  std::string text(kMaxFileSize, '\0');
  size_t got = 0;
  while (got < text.size()) {
    const ssize_t n = read(fd.get(), text.data() + got, text.size() - got);
    if (n < 0) {
      const int error = errno;
      if (error == EINTR) continue;
      return ErrnoError(error, absl::StrCat("cannot read the data key file ", path));
    }
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  absl::StatusOr<std::string> key = ParseDataKey(absl::string_view(text.data(), got));
  std::fill(text.begin(), text.end(), '\0');
  if (!key.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("the data key file ", path, ": ", key.status().message()));
  }
  return key;
}

absl::StatusOr<std::string> LoadOrCreateDataKeyFile(const std::string& path, bool* created) {
  if (created != nullptr) *created = false;
  absl::StatusOr<std::string> key = LoadDataKeyFile(path);
  if (!absl::IsNotFound(key.status())) return key;
  key = CreateKeyFile(path);
  if (key.ok()) {
    if (created != nullptr) *created = true;
    return key;
  }
  // Another process created it first: use its key.
  if (absl::IsAlreadyExists(key.status())) return LoadDataKeyFile(path);
  return key;
}

}  // namespace caitiao::crypto
