// geobalance: the command-line front end. Exit codes: 0 ok, 2 bad input (file, flag or
// value), 1 a computation that could not be carried out.
#include <algorithm>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "command.h"
#include "geobalance/core/paths.h"
#include "geobalance/error.h"

int main(int argc, char** argv) {
  CLI::App app{"geobalance: measure, forecast and war-game the balance of power among states and alliances"};
  app.name("geobalance");
  app.set_version_flag("--version", geobalance::version());
  app.require_subcommand(1);
  auto& reg = geobalance::cli::registry();
  std::stable_sort(reg.begin(), reg.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [order, setup] : reg) setup(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // An unknown subcommand or flag is named with the nearest valid one ("A subcommand is
    // required" said nothing about the misspelling); other parse errors keep CLI11's text.
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string unknown = geobalance::cli::unknown_name_message(app, args);
    std::cerr << "error: " << (unknown.empty() ? std::string(e.what()) : unknown) << "\n(run with --help for usage)\n";
    return 2;
  } catch (const geobalance::InputError& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 2;
  } catch (const geobalance::ComputationError& e) {
    std::cerr << "error: computation failed: " << e.what() << '\n';
    return 1;
  } catch (const std::bad_alloc&) {
    std::cerr << "error: out of memory\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "error: internal error: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
