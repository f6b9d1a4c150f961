// geobalance serve [--port N] [--host 127.0.0.1] [--store PATH] [--scenario FILE]... [--web DIR]
#include <chrono>
#include <csignal>
#include <thread>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "command.h"
#include "geobalance/core/paths.h"
#include "geobalance/error.h"
#include "geobalance/server/server.h"
#include "geobalance/store/run_store.h"

namespace geobalance::cli {
namespace {

namespace fs = std::filesystem;

// The handler only sets a flag (async-signal-safe); the main thread stops the server.
volatile std::sig_atomic_t g_stop = 0;
extern "C" void on_stop_signal(int) { g_stop = 1; }

// The built front end: --web, else <data>/web (an installed copy), else the source tree's
// web/dist next to data/.
std::string find_web_dir(const std::string& flag) {
  std::error_code ec;
  if (!flag.empty()) {
    if (!fs::is_regular_file(fs::path(flag) / "index.html", ec))
      throw InputError(SourceLocation{}, "--web", fmt::format("found '{}', expected a folder holding index.html (web/dist after npm run build)", flag));
    return fs::absolute(flag).string();
  }
  for (const fs::path& p : {fs::path(data_dir()) / "web", fs::path(data_dir()) / ".." / "web" / "dist"})
    if (fs::is_regular_file(p / "index.html", ec)) return fs::weakly_canonical(p, ec).string();
  return "";
}

Registrar reg(95, [](CLI::App& app) {
  auto* c = app.add_subcommand("serve", "Serve the what-if dashboard and its JSON API on a local port (docs/server.md)");
  struct Opts {
    int port = 8431;
    std::string host = "127.0.0.1", store, web;
    std::vector<std::string> scenarios;
    bool no_store = false;
    int threads = 0;
  };
  auto o = std::make_shared<Opts>();
  c->add_option("--port", o->port, "TCP port (0 = any free port)")->capture_default_str()->check(integer_in(0, 65535));
  c->add_option("--host", o->host, "Address to bind; anything but 127.0.0.1/::1/localhost needs the token printed at start")
      ->capture_default_str();
  c->add_option("--store", o->store, "Run store (SQLite); default $XDG_DATA_HOME/geobalance/runs.sqlite");
  c->add_flag("--no-store", o->no_store, "Do not record runs (no stored runs, no comparison)");
  c->add_option("--scenario", o->scenarios, "A scenario file to offer besides the shipped ones (repeatable)")->check(CLI::ExistingFile);
  c->add_option("--web", o->web, "Built front end (default: found next to the data folder)");
  c->add_option("--threads", o->threads, "Threads per run, 0 = all cores")->check(integer_in(0, kMaxThreadsFlag));
  c->callback([o] {
    server::ApiOptions opt;
    opt.store_path = o->no_store ? "" : (o->store.empty() ? store::default_store_path() : o->store);
    opt.web_dir = find_web_dir(o->web);
    opt.scenario_files = o->scenarios;
    opt.threads = static_cast<unsigned>(o->threads);
    if (!server::is_loopback(o->host)) opt.token = server::make_token();
    server::Server srv(opt);
    int port = srv.start(o->host, o->port);
    std::string host = o->host.find(':') != std::string::npos ? "[" + o->host + "]" : o->host;
    std::cout << fmt::format("geobalance serve: http://{}:{}/{}\n", host, port, opt.token.empty() ? "" : "?token=" + opt.token);
    if (!opt.token.empty()) std::cout << fmt::format("token (required on every request): {}\n", opt.token);
    if (opt.web_dir.empty()) std::cout << "no built front end found (cd web && npm ci && npm run build); the API is served\n";
    if (!opt.store_path.empty()) std::cout << fmt::format("runs are stored in {}\n", opt.store_path);
    std::cout << "Ctrl-C stops\n" << std::flush;
    std::signal(SIGINT, on_stop_signal);
    std::signal(SIGTERM, on_stop_signal);
    while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    srv.stop();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    std::cout << "stopped\n";
  });
});

}  // namespace
}  // namespace geobalance::cli
