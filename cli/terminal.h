// The terminal side of `keyward`: whether stdin is a terminal, reading a
// secret without echoing it (termios), reading a line from a file or a pipe,
// and yes/no confirmations. Prompts go to stderr so that stdout stays the
// command's output.
//
// Thread-safety: these functions change process-wide terminal state; call
// them from one thread.
#ifndef KEYWARD_CLI_TERMINAL_H_
#define KEYWARD_CLI_TERMINAL_H_

#include <istream>
#include <string>

namespace keyward::cli {

bool StdinIsTerminal();
bool StdoutIsTerminal();

// Reads one line from `in` without its "\n" or "\r\n"; false at end of input
// with nothing read.
bool ReadLine(std::istream& in, std::string* line);

// A secret from stdin: on a terminal, prompts with `prompt` on stderr and
// reads a line with echo turned off (restored even on Ctrl-C); otherwise the
// first line of stdin. False when nothing could be read.
bool ReadSecret(const std::string& prompt, std::string* secret);

// The first line of the file at `path`; false with `error` when it cannot be
// read.
bool ReadSecretFile(const std::string& path, std::string* secret,
                    std::string* error);

// Asks "<question> [y/N] " on stderr and reads the answer from stdin; true
// only for "y" or "yes" (any case).
bool Confirm(const std::string& question);

}  // namespace keyward::cli

#endif  // KEYWARD_CLI_TERMINAL_H_
