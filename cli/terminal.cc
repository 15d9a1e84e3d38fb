#include "cli/terminal.h"

#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iostream>

namespace keyward::cli {
namespace {

// The terminal settings to restore if a signal arrives while echo is off.
struct termios saved_termios;
volatile sig_atomic_t echo_disabled = 0;

void RestoreAndReraise(int signal_number) {
  if (echo_disabled) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_termios);
  struct sigaction action = {};
  action.sa_handler = SIG_DFL;
  sigaction(signal_number, &action, nullptr);
  raise(signal_number);
}

// Turns echo off for its lifetime, restoring the terminal afterwards.
class EchoOff {
 public:
  EchoOff() {
    if (tcgetattr(STDIN_FILENO, &saved_termios) != 0) return;
    struct sigaction action = {};
    action.sa_handler = RestoreAndReraise;
    sigemptyset(&action.sa_mask);
    for (int signal_number : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) {
      sigaction(signal_number, &action, &previous_[Index(signal_number)]);
    }
    struct termios quiet = saved_termios;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    echo_disabled = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    active_ = true;
  }
  ~EchoOff() {
    if (!active_) return;
    if (echo_disabled) tcsetattr(STDIN_FILENO, TCSADRAIN, &saved_termios);
    echo_disabled = 0;
    for (int signal_number : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) {
      sigaction(signal_number, &previous_[Index(signal_number)], nullptr);
    }
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  static int Index(int signal_number) {
    switch (signal_number) {
      case SIGINT:
        return 0;
      case SIGTERM:
        return 1;
      case SIGHUP:
        return 2;
      default:
        return 3;
    }
  }
  struct sigaction previous_[4] = {};
  bool active_ = false;
};

}  // namespace

bool StdinIsTerminal() { return isatty(STDIN_FILENO) == 1; }

bool StdoutIsTerminal() { return isatty(STDOUT_FILENO) == 1; }

bool ReadLine(std::istream& in, std::string* line) {
  line->clear();
  if (!std::getline(in, *line) && line->empty()) return false;
  if (!line->empty() && line->back() == '\r') line->pop_back();
  return true;
}

bool ReadSecret(const std::string& prompt, std::string* secret) {
  if (!StdinIsTerminal()) return ReadLine(std::cin, secret);
  // Echo goes off before the prompt shows, so nothing typed after it echoes.
  EchoOff echo_off;
  std::cerr << prompt << std::flush;
  return ReadLine(std::cin, secret);
}

bool ReadSecretFile(const std::string& path, std::string* secret,
                    std::string* error) {
  std::ifstream file(path);
  if (!file) {
    *error = "cannot read " + path;
    return false;
  }
  if (!ReadLine(file, secret)) secret->clear();
  return true;
}

bool Confirm(const std::string& question) {
  std::cerr << question << " [y/N] " << std::flush;
  std::string answer;
  if (!ReadLine(std::cin, &answer)) {
    std::cerr << "\n";
    return false;
  }
  std::transform(answer.begin(), answer.end(), answer.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return answer == "y" || answer == "yes";
}

}  // namespace keyward::cli
