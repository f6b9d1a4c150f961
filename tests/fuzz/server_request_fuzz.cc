// libFuzzer target for geobalance serve's request handling (include/geobalance/server/api.h).
//
// An input starting with "GET ", "DELETE ", "PUT " or "POST /" is a request line (method,
// path and query) followed after the first newline by a body, handed to Api::handle() on an
// Api with no store and no web folder: it must answer (never throw) and never with a 500.
// POST /api/runs is left to the second form so no input starts a run. Any other input is a
// run request body: parse_run_request() may only throw ApiError with a 4xx status naming a
// field; a body it accepts is applied to the default scenario with apply_overrides(), which
// may only throw ApiError 400 with a field.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "fuzz_util.h"
#include "geobalance/scenario/scenario.h"
#include "geobalance/server/api.h"

namespace {

using geobalance::server::ApiError;

void check_api_error(const ApiError& e) {
  if (e.status() < 400 || e.status() > 499 || e.field().empty() || std::string(e.what()).empty()) {
    std::fprintf(stderr, "bad ApiError %d field '%s': %s\n", e.status(), e.field().c_str(), e.what());
    std::abort();
  }
}

geobalance::server::Api& api() {
  static auto a = std::make_unique<geobalance::server::Api>(geobalance::server::ApiOptions{});
  return *a;
}

const geobalance::scenario::Scenario& base() {
  static const auto s = geobalance::scenario::load_scenario(geobalance::scenario::default_scenario_path());
  return s;
}

bool starts_with(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text = geobalance::fuzz::as_text(data, size);
  if (starts_with(text, "GET ") || starts_with(text, "DELETE ") || starts_with(text, "PUT ") ||
      (starts_with(text, "POST /") && !starts_with(text, "POST /api/runs"))) {
    geobalance::server::Request r;
    std::size_t sp = text.find(' ');
    std::size_t nl = text.find('\n');
    r.method = text.substr(0, sp);
    std::string target = text.substr(sp + 1, nl == std::string::npos ? std::string::npos : nl - sp - 1);
    r.body = nl == std::string::npos ? "" : text.substr(nl + 1);
    std::size_t q = target.find('?');
    r.path = target.substr(0, q);
    if (q != std::string::npos) {
      std::string query = target.substr(q + 1);
      std::size_t pos = 0;
      while (pos <= query.size()) {
        std::size_t amp = query.find('&', pos);
        std::string kv = query.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
        std::size_t eq = kv.find('=');
        r.query[kv.substr(0, eq)] = eq == std::string::npos ? "" : kv.substr(eq + 1);
        if (amp == std::string::npos) break;
        pos = amp + 1;
      }
    }
    auto resp = api().handle(r);
    if (resp.status >= 500 && resp.status != 503) {
      std::fprintf(stderr, "status %d: %s\n", resp.status, resp.body.c_str());
      std::abort();
    }
    return 0;
  }
  geobalance::server::RunRequest req;
  try {
    req = geobalance::server::parse_run_request(text, geobalance::server::Limits{});
  } catch (const ApiError& e) {
    check_api_error(e);
    return 0;
  }
  try {
    (void)geobalance::server::apply_overrides(base(), req.overrides);
  } catch (const ApiError& e) {
    check_api_error(e);
  }
  return 0;
}
