// The HTTP side of `geobalance serve`: an Api (api.h) behind cpp-httplib. Binds 127.0.0.1 by
// default; any other host needs a token (ApiOptions::token), which the Api checks on every
// request. Bodies over Limits::max_body_bytes are refused (413 JSON) before they are read.
#ifndef GEOBALANCE_SERVER_SERVER_H_
#define GEOBALANCE_SERVER_SERVER_H_

#include <memory>
#include <string>

#include "geobalance/server/api.h"

namespace geobalance::server {

/// True for the loopback names that need no token: 127.0.0.1, ::1, localhost.
bool is_loopback(const std::string& host);

/// 32 random hexadecimal digits from std::random_device.
std::string make_token();

class Server {
 public:
  explicit Server(ApiOptions options);
  ~Server();  ///< stops and joins
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds host:port (port 0 = any free port) and serves on a background thread. Throws
  /// InputError naming --host/--port when it cannot bind, and when `host` is not loopback
  /// and the options carry no token.
  int start(const std::string& host, int port);
  /// Serves on the calling thread until stop() (start() must have bound).
  void wait();
  void stop();
  int port() const;
  Api& api();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace geobalance::server

#endif  // GEOBALANCE_SERVER_SERVER_H_
