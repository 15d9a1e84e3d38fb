#include "tests/support/tcp_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

namespace keyward::testing {
namespace {

// How much of a client's first bytes a marker is looked for in.
constexpr size_t kClientStartBytes = 4096;
constexpr int kPollMillis = 20;

sockaddr_in Loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

bool SendAll(int socket, const char* data, size_t size) {
  while (size > 0) {
    const ssize_t sent = send(socket, data, size, MSG_NOSIGNAL);
    if (sent <= 0) return false;
    data += sent;
    size -= static_cast<size_t>(sent);
  }
  return true;
}

}  // namespace

TcpProxy::TcpProxy(const std::string& postgres_url) {
  const size_t authority = postgres_url.find("://") + 3;
  const size_t at = postgres_url.find('@', authority);
  const size_t host = at == std::string::npos ? authority : at + 1;
  const size_t path = postgres_url.find('/', host);
  const size_t colon = postgres_url.rfind(':', path);
  if (colon == std::string::npos || colon < host) {
    throw std::runtime_error("TcpProxy: the URL names no port");
  }
  target_port_ = std::stoi(postgres_url.substr(colon + 1, path - colon - 1));

  listener_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address = Loopback(0);
  socklen_t length = sizeof(address);
  if (listener_ < 0 ||
      bind(listener_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
      listen(listener_, 64) != 0 ||
      getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) !=
          0) {
    throw std::runtime_error("TcpProxy: cannot listen on 127.0.0.1");
  }
  url_ = postgres_url.substr(0, host) +
         "127.0.0.1:" + std::to_string(ntohs(address.sin_port)) +
         (path == std::string::npos ? "" : postgres_url.substr(path));
  acceptor_ = std::thread([this] { AcceptLoop(); });
}

TcpProxy::~TcpProxy() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  thawed_.notify_all();
  acceptor_.join();
  close(listener_);
  std::vector<std::thread> connections;
  {
    std::lock_guard<std::mutex> lock(mutex_);  // Forward takes it too
    connections.swap(connections_);
  }
  for (std::thread& connection : connections) connection.join();
}

void TcpProxy::Freeze(const std::string& marker) {
  std::lock_guard<std::mutex> lock(mutex_);
  freeze_marker_ = marker;
}

void TcpProxy::Thaw() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    freeze_marker_.reset();
  }
  thawed_.notify_all();
}

bool TcpProxy::WaitWhileFrozen(std::unique_lock<std::mutex>& lock,
                               const std::string& client_start) {
  thawed_.wait(lock, [&] {
    return stopping_ || !freeze_marker_ ||
           client_start.find(*freeze_marker_) == std::string::npos;
  });
  return !stopping_;
}

void TcpProxy::AcceptLoop() {
  while (!stopping_) {
    pollfd ready{listener_, POLLIN, 0};
    if (poll(&ready, 1, kPollMillis) <= 0) continue;
    const int client = accept(listener_, nullptr, nullptr);
    if (client < 0) continue;
    const int server = socket(AF_INET, SOCK_STREAM, 0);
    const sockaddr_in target = Loopback(target_port_);
    if (server < 0 ||
        connect(server, reinterpret_cast<const sockaddr*>(&target),
                sizeof(target)) != 0) {
      close(client);
      if (server >= 0) close(server);
      continue;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    connections_.emplace_back(
        [this, client, server] { Forward(client, server); });
  }
}

void TcpProxy::Forward(int client, int server) {
  std::string client_start;  // what the marker is looked for in
  std::string to_server;     // read from the client, not passed on yet
  char buffer[16384];
  while (!stopping_) {
    pollfd sockets[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
    const int ready = poll(sockets, 2, kPollMillis);
    // Bytes move only under mutex_ and after the freeze check, so once
    // Freeze() returns not one more byte of a frozen connection passes (a
    // NOTIFY sent right after it must not slip through).
    std::unique_lock<std::mutex> lock(mutex_);
    if (!WaitWhileFrozen(lock, client_start)) break;
    if (!to_server.empty()) {
      if (!SendAll(server, to_server.data(), to_server.size())) break;
      to_server.clear();
    }
    if (ready <= 0) continue;
    if (sockets[0].revents != 0) {
      const ssize_t got = recv(client, buffer, sizeof(buffer), 0);
      if (got <= 0) break;
      to_server.append(buffer, static_cast<size_t>(got));
      if (client_start.size() < kClientStartBytes) {
        client_start.append(buffer, static_cast<size_t>(got));
      }
      // Passed on at the top of the next turn, once the marker that may
      // have just arrived has been checked.
    }
    if (sockets[1].revents != 0) {
      const ssize_t got = recv(server, buffer, sizeof(buffer), 0);
      if (got <= 0 || !SendAll(client, buffer, static_cast<size_t>(got))) {
        break;
      }
    }
  }
  close(client);
  close(server);
}

}  // namespace keyward::testing
