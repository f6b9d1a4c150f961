// The Api behind cpp-httplib (Debian's libcpp-httplib-dev).
#include <httplib.h>

#include <chrono>
#include <random>
#include <thread>

#include <fmt/format.h>

#include "geobalance/error.h"
#include "geobalance/server/server.h"

namespace geobalance::server {

bool is_loopback(const std::string& host) { return host == "127.0.0.1" || host == "::1" || host == "localhost"; }

std::string make_token() {
  std::random_device rd;
  std::string t;
  for (int i = 0; i < 32; ++i) t += "0123456789abcdef"[rd() % 16];
  return t;
}

struct Server::Impl {
  std::unique_ptr<Api> api;
  httplib::Server http;
  std::thread thread;
  int port = 0;
  bool bound = false;
};

Server::Server(ApiOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->api = std::make_unique<Api>(std::move(options));
  const Limits limits = impl_->api->options().limits;
  auto& http = impl_->http;
  http.set_payload_max_length(limits.max_body_bytes);
  http.new_task_queue = [] { return new httplib::ThreadPool(8); };
  auto handler = [this](const httplib::Request& hr, httplib::Response& res) {
    Request r;
    r.method = hr.method;
    r.path = hr.path;
    for (const auto& [k, v] : hr.params) r.query[k] = v;
    for (const auto& [k, v] : hr.headers) {
      std::string lower;
      for (char c : k) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      r.headers[lower] = v;
    }
    r.body = hr.body;
    Response out = impl_->api->handle(r);
    res.status = out.status;
    for (const auto& [k, v] : out.headers) res.set_header(k, v);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Cache-Control", "no-store");
    res.set_content(out.body, out.content_type);
  };
  http.Get(".*", handler);
  http.Post(".*", handler);
  http.Delete(".*", handler);
  http.Put(".*", handler);
  http.Patch(".*", handler);
  // Errors httplib answers itself (413 for an oversized body, 400 for a bad request line):
  // a JSON body like every other error.
  http.set_error_handler([limits](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string field = res.status == 413 ? "body" : "request";
    std::string msg = res.status == 413 ? fmt::format("body: larger than {} bytes", limits.max_body_bytes)
                                        : fmt::format("request: HTTP {}", res.status);
    res.set_content(error_body(field, msg), "application/json");
  });
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    res.status = 500;
    res.set_content(error_body("", "internal error"), "application/json");
  });
}

Server::~Server() { stop(); }

int Server::start(const std::string& host, int port) {
  if (!is_loopback(host) && impl_->api->options().token.empty())
    throw InputError(SourceLocation{}, "--host", fmt::format("'{}' is not loopback; a token is required", host));
  if (port < 0 || port > 65535) throw InputError(SourceLocation{}, "--port", fmt::format("found {}, expected 0 to 65535", port));
  int p = port;
  if (port == 0) {
    p = impl_->http.bind_to_any_port(host);
    if (p < 0) throw InputError(SourceLocation{}, "--host", fmt::format("cannot bind '{}'", host));
  } else if (!impl_->http.bind_to_port(host, port)) {
    throw InputError(SourceLocation{}, "--port", fmt::format("cannot bind {}:{} (in use, or not an address of this machine)", host, port));
  }
  impl_->port = p;
  impl_->bound = true;
  impl_->thread = std::thread([this] { impl_->http.listen_after_bind(); });
  while (!impl_->http.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return p;
}

void Server::wait() {
  if (impl_->thread.joinable()) impl_->thread.join();
}

void Server::stop() {
  if (impl_->bound) impl_->http.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
  impl_->bound = false;
}

int Server::port() const { return impl_->port; }

Api& Server::api() { return *impl_->api; }

}  // namespace geobalance::server
