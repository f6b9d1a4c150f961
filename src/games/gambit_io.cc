#include "geobalance/io/text_file.h"
#include "geobalance/games/gambit_io.h"

#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "geobalance/error.h"

namespace geobalance::games {

namespace detail {

struct Token {
  enum Kind { kEnd, kString, kLBrace, kRBrace, kWord };
  Kind kind = kEnd;
  std::string text;
  int line = 1;
  int col = 1;
};

// Splits Gambit text into tokens with 1-based line and column (columns count characters, so a
// UTF-8 name counts as one column per character). Commas are separators and are dropped.
class Lexer {
 public:
  Lexer(const std::string& text, std::string source) : s_(text), source_(std::move(source)) { advance(); }

  const Token& peek() const { return tok_; }
  Token next() {
    Token t = tok_;
    advance();
    return t;
  }
  const std::string& source() const { return source_; }

  [[noreturn]] void fail(const Token& t, const std::string& subject, const std::string& expected) const {
    std::string found = t.kind == Token::kEnd      ? std::string("end of file")
                        : t.kind == Token::kString ? fmt::format("'\"{}\"'", t.text)
                                                   : fmt::format("'{}'", t.text);
    throw InputError(SourceLocation{source_, t.line, t.col}, subject, fmt::format("found {}, expected {}", found, expected));
  }

 private:
  void bump() {
    unsigned char c = static_cast<unsigned char>(s_[i_]);
    ++i_;
    if (c == '\n') {
      ++line_;
      col_ = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++col_;
    }
  }
  // Continuation bytes do not start a column; fix up the column of the next character.
  void advance() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',') {
        bump();
        continue;
      }
      break;
    }
    tok_ = Token{};
    tok_.line = line_;
    tok_.col = col_;
    if (i_ >= s_.size()) {
      tok_.kind = Token::kEnd;
      return;
    }
    char c = s_[i_];
    if (c == '{' || c == '}') {
      tok_.kind = c == '{' ? Token::kLBrace : Token::kRBrace;
      tok_.text = std::string(1, c);
      bump();
      return;
    }
    if (c == '"') {
      tok_.kind = Token::kString;
      bump();
      while (true) {
        if (i_ >= s_.size())
          throw InputError(SourceLocation{source_, tok_.line, tok_.col}, "string",
                           "found end of file, expected a closing '\"'");
        char d = s_[i_];
        if (d == '\\' && i_ + 1 < s_.size()) {
          bump();
          tok_.text += s_[i_];
          bump();
          continue;
        }
        if (d == '"') {
          bump();
          break;
        }
        tok_.text += d;
        bump();
      }
      return;
    }
    tok_.kind = Token::kWord;
    while (i_ < s_.size()) {
      char d = s_[i_];
      if (d == ' ' || d == '\t' || d == '\r' || d == '\n' || d == ',' || d == '{' || d == '}' || d == '"') break;
      tok_.text += d;
      bump();
    }
  }

  const std::string& s_;
  std::string source_;
  std::size_t i_ = 0;
  int line_ = 1;
  int col_ = 1;
  Token tok_;
};

}  // namespace detail

namespace {

using detail::Lexer;
using detail::Token;

std::string read_all(const std::string& path) { return io::read_text_file(path); }

std::string expect_string(Lexer& lx, const std::string& subject) {
  Token t = lx.next();
  if (t.kind != Token::kString) lx.fail(t, subject, "a quoted string");
  return t.text;
}

void expect_kind(Lexer& lx, Token::Kind k, const std::string& subject) {
  Token t = lx.next();
  if (t.kind != k) lx.fail(t, subject, k == Token::kLBrace ? "'{'" : "'}'");
}

Rational expect_number(Lexer& lx, const std::string& subject) {
  Token t = lx.next();
  if (t.kind == Token::kWord)
    if (auto q = parse_rational(t.text)) return *q;
  lx.fail(t, subject, "a number (integer, decimal or p/q)");
}

long expect_int(Lexer& lx, const std::string& subject, long lo, long hi, const std::string& expected) {
  Token t = lx.next();
  if (t.kind == Token::kWord) {
    auto q = parse_rational(t.text);
    if (q && q->get_den() == 1 && *q >= lo && *q <= hi && t.text.find_first_of(".eE/") == std::string::npos)
      return q->get_num().get_si();
  }
  lx.fail(t, subject, expected);
}

// The common header: <tag> <version> R|D "title" { "player" ... }
void parse_header(Lexer& lx, const std::string& tag, const std::string& version, std::string& title,
                  std::vector<std::string>& players) {
  Token t = lx.next();
  if (t.kind != Token::kWord || t.text != tag) lx.fail(t, "header", fmt::format("'{}'", tag));
  t = lx.next();
  if (t.kind != Token::kWord || t.text != version) lx.fail(t, "header", fmt::format("format version {}", version));
  t = lx.next();
  if (t.kind != Token::kWord || (t.text != "R" && t.text != "D")) lx.fail(t, "header", "'R' or 'D'");
  title = expect_string(lx, "title");
  expect_kind(lx, Token::kLBrace, "player list");
  while (lx.peek().kind == Token::kString) players.push_back(lx.next().text);
  if (lx.peek().kind != Token::kRBrace || players.empty())
    lx.fail(lx.peek(), "player list", players.empty() ? "a quoted player name" : "a quoted player name or '}'");
  lx.next();
}

}  // namespace

NormalFormGame parse_nfg(const std::string& text, const std::string& source) {
  Lexer lx(text, source);
  std::string title;
  std::vector<std::string> players;
  parse_header(lx, "NFG", "1", title, players);
  const std::size_t n = players.size();
  std::vector<int> shape;
  std::vector<std::vector<std::string>> names;
  expect_kind(lx, Token::kLBrace, "strategy list");
  if (lx.peek().kind == Token::kLBrace) {
    for (std::size_t p = 0; p < n; ++p) {
      std::string subject = fmt::format("strategies of player {}", p + 1);
      expect_kind(lx, Token::kLBrace, subject);
      std::vector<std::string> s;
      while (lx.peek().kind == Token::kString) s.push_back(lx.next().text);
      if (lx.peek().kind != Token::kRBrace || s.empty())
        lx.fail(lx.peek(), subject, s.empty() ? "a quoted strategy name" : "a quoted strategy name or '}'");
      lx.next();
      shape.push_back(static_cast<int>(s.size()));
      names.push_back(std::move(s));
    }
    if (lx.peek().kind != Token::kRBrace)
      lx.fail(lx.peek(), "strategy list", fmt::format("'}}' after the strategies of {} players", n));
    lx.next();
  } else {
    for (std::size_t p = 0; p < n; ++p)
      shape.push_back(static_cast<int>(expect_int(lx, "strategy list", 1, 1'000'000,
                                                  fmt::format("a positive strategy count for player {}", p + 1))));
    if (lx.peek().kind != Token::kRBrace)
      lx.fail(lx.peek(), "strategy list", fmt::format("'}}' after {} strategy counts (one per player)", n));
    lx.next();
  }
  std::size_t profiles = 1;
  for (int s : shape) {
    profiles *= static_cast<std::size_t>(s);
    // The table is allocated before the payoffs are read: keep it to what the solvers can
    // use and memory can hold (docs/limits.md).
    if (profiles > 1'000'000) lx.fail(lx.peek(), "strategy list", "at most 1000000 pure-strategy profiles");
  }
  NormalFormGame g(shape);
  g.title = title;
  g.player_names = players;
  if (!names.empty()) g.strategy_names = names;
  if (lx.peek().kind == Token::kString) g.comment = lx.next().text;

  if (lx.peek().kind == Token::kLBrace) {  // outcome version
    lx.next();
    std::vector<Outcome> outcomes;
    while (lx.peek().kind == Token::kLBrace) {
      lx.next();
      std::string subject = fmt::format("outcome {}", outcomes.size() + 1);
      Outcome o;
      o.name = expect_string(lx, subject);
      for (std::size_t p = 0; p < n; ++p) o.payoffs.push_back(expect_number(lx, subject));
      if (lx.peek().kind != Token::kRBrace)
        lx.fail(lx.peek(), subject, fmt::format("'}}' after {} payoffs (one per player)", n));
      lx.next();
      outcomes.push_back(std::move(o));
    }
    if (lx.peek().kind != Token::kRBrace) lx.fail(lx.peek(), "outcome list", "'{' or '}'");
    lx.next();
    std::vector<int> map;
    map.reserve(profiles);
    for (std::size_t k = 0; k < profiles; ++k)
      map.push_back(static_cast<int>(expect_int(
          lx, fmt::format("outcome of profile {}", k + 1), 0, static_cast<long>(outcomes.size()),
          fmt::format("an outcome number from 0 to {} ({} profiles in all)", outcomes.size(), profiles))));
    g.set_outcomes(std::move(outcomes), std::move(map));
  } else {
    for (std::size_t k = 0; k < profiles; ++k)
      for (std::size_t p = 0; p < n; ++p) {
        Token t = lx.next();
        std::optional<Rational> q;
        if (t.kind == Token::kWord) q = parse_rational(t.text);
        if (!q)
          lx.fail(t, fmt::format("payoff {} of profile {}", p + 1, k + 1),
                  fmt::format("a number (integer, decimal or p/q); the game needs {} payoffs", profiles * n));
        g.set_payoff(k, static_cast<int>(p), *q);
      }
  }
  if (lx.peek().kind != Token::kEnd) lx.fail(lx.peek(), "payoffs", "end of file after the last payoff");
  return g;
}

namespace {

class EfgParser {
 public:
  EfgParser(Lexer& lx, ExtensiveFormGame& g) : lx_(lx), g_(g) {}
  int depth_ = 0;

  /// Deepest tree accepted: the reader and the solvers recurse once per level, so an
  /// absurdly deep file must fail with a message, not overflow the stack (docs/limits.md).
  static constexpr int kMaxDepth = 1000;  // ASan frames overflowed 8 MB at 10,000 levels

  void parse_node(int parent, int action) {
    Token t = lx_.next();
    if (depth_ >= kMaxDepth) lx_.fail(t, "node", fmt::format("a tree at most {} levels deep", kMaxDepth));
    struct DepthGuard {
      int& d;
      explicit DepthGuard(int& x) : d(x) { ++d; }
      ~DepthGuard() { --d; }
    } guard(depth_);
    if (t.kind != Token::kWord || (t.text != "p" && t.text != "c" && t.text != "t"))
      lx_.fail(t, "node", parent < 0 ? "a node type 'p', 'c' or 't'"
                                     : "a node type 'p', 'c' or 't' (the tree is not complete yet)");
    std::string name = expect_string(lx_, "node name");
    if (t.text == "t") {
      int outcome = parse_outcome();
      g_.add_terminal(parent, action, outcome, name);
      return;
    }
    int player = -1;
    if (t.text == "p")
      player = static_cast<int>(expect_int(lx_, "player number", 1, g_.num_players(),
                                           fmt::format("a player number from 1 to {}", g_.num_players()))) - 1;
    long number = expect_int(lx_, "information set number", 1, 1'000'000'000, "a positive information set number");
    std::string iname;
    bool has_name = false;
    if (lx_.peek().kind == Token::kString) {
      iname = lx_.next().text;
      has_name = true;
    }
    std::vector<std::string> actions;
    std::vector<Rational> probs;
    bool has_actions = false;
    Token brace = lx_.peek();
    if (brace.kind == Token::kLBrace) {
      has_actions = true;
      lx_.next();
      while (lx_.peek().kind == Token::kString) {
        actions.push_back(lx_.next().text);
        if (player < 0) {
          Token pt = lx_.peek();
          Rational pr = expect_number(lx_, "chance probability");
          if (pr < 0) lx_.fail(pt, "chance probability", "a probability >= 0");
          probs.push_back(pr);
        }
      }
      if (lx_.peek().kind != Token::kRBrace || actions.empty())
        lx_.fail(lx_.peek(), "action list", actions.empty() ? "a quoted action name" : "a quoted action name or '}'");
      lx_.next();
      if (player < 0) {
        Rational sum = 0;
        for (auto& p : probs) sum += p;
        if (sum != 1)
          throw InputError(SourceLocation{lx_.source(), brace.line, brace.col}, "action list",
                           fmt::format("chance probabilities sum to {}, but must sum to 1", sum.get_str()));
      }
    }
    auto key = std::make_pair(player, number);
    auto it = infosets_.find(key);
    int h;
    if (it == infosets_.end()) {
      if (!has_actions)
        lx_.fail(brace, "information set", fmt::format("'{{' and the action list of new information set {}", number));
      h = g_.add_infoset(player, iname, actions, probs);
      g_.infosets[static_cast<std::size_t>(h)].number = static_cast<int>(number);
      infosets_[key] = h;
    } else {
      h = it->second;
      auto& hs = g_.infosets[static_cast<std::size_t>(h)];
      if (has_actions && actions.size() != hs.actions.size())
        throw InputError(SourceLocation{lx_.source(), brace.line, brace.col}, "action list",
                         fmt::format("found {} actions, expected {} as at the first node of information set {}",
                                     actions.size(), hs.actions.size(), number));
      if (has_actions && player < 0 && probs != hs.probabilities)
        throw InputError(SourceLocation{lx_.source(), brace.line, brace.col}, "action list",
                         fmt::format("chance probabilities differ from the first node of information set {}", number));
      if (has_name && hs.name.empty()) hs.name = iname;
    }
    int outcome = parse_outcome();
    int id = g_.add_decision(parent, action, h, name, outcome);
    std::size_t k = g_.infosets[static_cast<std::size_t>(h)].actions.size();
    for (std::size_t a = 0; a < k; ++a) parse_node(id, static_cast<int>(a));
  }

 private:
  int parse_outcome() {
    long number = expect_int(lx_, "outcome number", 0, 1'000'000'000, "an outcome number >= 0");
    if (lx_.peek().kind != Token::kString) {
      if (number == 0) return -1;
      auto it = outcomes_.find(number);
      if (it == outcomes_.end())
        lx_.fail(lx_.peek(), "outcome", fmt::format("the name and payoffs of new outcome {}", number));
      return it->second;
    }
    std::string name = lx_.next().text;
    std::string subject = fmt::format("payoffs of outcome {}", number);
    expect_kind(lx_, Token::kLBrace, subject);
    std::vector<Rational> pay;
    for (int p = 0; p < g_.num_players(); ++p) pay.push_back(expect_number(lx_, subject));
    if (lx_.peek().kind != Token::kRBrace)
      lx_.fail(lx_.peek(), subject, fmt::format("'}}' after {} payoffs (one per player)", g_.num_players()));
    lx_.next();
    if (number == 0) return -1;
    auto it = outcomes_.find(number);
    if (it != outcomes_.end()) return it->second;
    int o = g_.add_outcome(name, pay);
    outcomes_[number] = o;
    return o;
  }

  Lexer& lx_;
  ExtensiveFormGame& g_;
  std::map<std::pair<int, long>, int> infosets_;
  std::map<long, int> outcomes_;
};

}  // namespace

ExtensiveFormGame parse_efg(const std::string& text, const std::string& source) {
  Lexer lx(text, source);
  ExtensiveFormGame g;
  parse_header(lx, "EFG", "2", g.title, g.player_names);
  if (lx.peek().kind == Token::kString) g.comment = lx.next().text;
  EfgParser parser(lx, g);
  parser.parse_node(-1, 0);
  if (lx.peek().kind != Token::kEnd) lx.fail(lx.peek(), "tree", "end of file after the last node of the tree");
  g.validate(source);
  return g;
}

NormalFormGame read_nfg(const std::string& path) { return parse_nfg(read_all(path), path); }
ExtensiveFormGame read_efg(const std::string& path) { return parse_efg(read_all(path), path); }

AnyGame read_game(const std::string& path) {
  std::string text = read_all(path);
  Lexer lx(text, path);
  const Token& t = lx.peek();
  if (t.kind == Token::kWord && t.text == "NFG") return parse_nfg(text, path);
  if (t.kind == Token::kWord && t.text == "EFG") return parse_efg(text, path);
  lx.fail(t, "header", "'NFG' or 'EFG'");
}

// ---------------------------------------------------------------- writers

namespace {

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string header(const std::string& tag, const std::string& title, const std::vector<std::string>& players) {
  std::string s = fmt::format("{} R {} {{", tag, quote(title));
  for (const auto& p : players) s += " " + quote(p);
  return s + " }";
}

bool default_names(const NormalFormGame& g) {
  for (int p = 0; p < g.num_players(); ++p)
    for (int s = 0; s < g.num_strategies(p); ++s)
      if (g.strategy_names[static_cast<std::size_t>(p)][static_cast<std::size_t>(s)] != std::to_string(s + 1))
        return false;
  return true;
}

std::string strategy_block(const NormalFormGame& g) {
  std::string s = "{";
  for (int p = 0; p < g.num_players(); ++p) {
    s += p == 0 ? " {" : "\n  {";
    for (const auto& name : g.strategy_names[static_cast<std::size_t>(p)]) s += " " + quote(name);
    s += " }";
  }
  return s + "\n}";
}

}  // namespace

std::string write_nfg(const NormalFormGame& g, NfgVersion version) {
  std::string s = header("NFG 1", g.title, g.player_names);
  const int n = g.num_players();
  if (version == NfgVersion::kPayoff) {
    if (default_names(g)) {
      s += " {";
      for (int p = 0; p < n; ++p) s += " " + std::to_string(g.num_strategies(p));
      s += " }\n";
    } else {
      s += "\n" + strategy_block(g) + "\n";
    }
    s += quote(g.comment) + "\n\n";
    for (std::size_t k = 0; k < g.num_profiles(); ++k)
      for (int p = 0; p < n; ++p) {
        if (k || p) s += ' ';
        s += format_rational(g.payoff(k, p));
      }
    return s + "\n";
  }
  s += "\n\n" + strategy_block(g) + "\n" + quote(g.comment) + "\n\n{\n";
  std::vector<Outcome> outcomes;
  std::vector<int> map;
  if (g.has_outcomes()) {
    outcomes = g.outcomes();
    map = g.profile_outcomes();
  } else {
    for (std::size_t k = 0; k < g.num_profiles(); ++k) {
      Outcome o;
      for (int p = 0; p < n; ++p) o.payoffs.push_back(g.payoff(k, p));
      outcomes.push_back(std::move(o));
      map.push_back(static_cast<int>(k) + 1);
    }
  }
  for (const auto& o : outcomes) {
    s += "{ " + quote(o.name);
    for (std::size_t p = 0; p < o.payoffs.size(); ++p) s += (p ? ", " : " ") + format_rational(o.payoffs[p]);
    s += " }\n";
  }
  s += "}\n";
  for (std::size_t k = 0; k < map.size(); ++k) s += (k ? " " : "") + std::to_string(map[k]);
  return s + "\n";
}

std::string write_efg(const ExtensiveFormGame& g) {
  std::string s = header("EFG 2", g.title, g.player_names) + "\n" + quote(g.comment) + "\n\n";
  auto outcome_text = [&](int o) {
    if (o < 0) return std::string("0");
    const Outcome& out = g.outcomes[static_cast<std::size_t>(o)];
    std::string t = fmt::format("{} {} {{", o + 1, quote(out.name));
    for (std::size_t p = 0; p < out.payoffs.size(); ++p) t += (p ? ", " : " ") + format_rational(out.payoffs[p]);
    return t + " }";
  };
  // Iterative prefix-order walk (deep trees must not exhaust the stack).
  std::vector<int> stack{0};
  while (!stack.empty()) {
    int v = stack.back();
    stack.pop_back();
    const Node& node = g.nodes[static_cast<std::size_t>(v)];
    if (node.kind == NodeKind::kTerminal) {
      s += fmt::format("t {} {}\n", quote(node.name), outcome_text(node.outcome));
    } else {
      const Infoset& h = g.infosets[static_cast<std::size_t>(node.infoset)];
      if (node.kind == NodeKind::kChance)
        s += fmt::format("c {} {} {} {{", quote(node.name), h.number, quote(h.name));
      else
        s += fmt::format("p {} {} {} {} {{", quote(node.name), h.player + 1, h.number, quote(h.name));
      for (std::size_t a = 0; a < h.actions.size(); ++a) {
        s += " " + quote(h.actions[a]);
        if (node.kind == NodeKind::kChance) s += " " + format_rational(h.probabilities[a]);
      }
      s += fmt::format(" }} {}\n", outcome_text(node.outcome));
      for (auto it = node.children.rbegin(); it != node.children.rend(); ++it) stack.push_back(*it);
    }
  }
  return s;
}

}  // namespace geobalance::games

// ---------------------------------------------------------------- ASCII labels

namespace geobalance::games {

namespace {

// ASCII spellings of U+00C0 .. U+017F (Latin-1 Supplement letters and Latin Extended-A), one
// entry per code point.
const char* const kLatin[] = {
    // U+00C0
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
    // U+00D0
    "D", "N", "O", "O", "O", "O", "O", "x", "O", "U", "U", "U", "U", "Y", "TH", "ss",
    // U+00E0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    // U+00F0
    "d", "n", "o", "o", "o", "o", "o", "/", "o", "u", "u", "u", "u", "y", "th", "y",
    // U+0100
    "A", "a", "A", "a", "A", "a", "C", "c", "C", "c", "C", "c", "C", "c", "D", "d",
    // U+0110
    "D", "d", "E", "e", "E", "e", "E", "e", "E", "e", "E", "e", "G", "g", "G", "g",
    // U+0120
    "G", "g", "G", "g", "H", "h", "H", "h", "I", "i", "I", "i", "I", "i", "I", "i",
    // U+0130
    "I", "i", "IJ", "ij", "J", "j", "K", "k", "k", "L", "l", "L", "l", "L", "l", "L",
    // U+0140
    "l", "L", "l", "N", "n", "N", "n", "N", "n", "n", "N", "n", "O", "o", "O", "o",
    // U+0150
    "O", "o", "OE", "oe", "R", "r", "R", "r", "R", "r", "S", "s", "S", "s", "S", "s",
    // U+0160
    "S", "s", "T", "t", "T", "t", "T", "t", "U", "u", "U", "u", "U", "u", "U", "u",
    // U+0170
    "U", "u", "U", "u", "W", "w", "Y", "y", "Y", "Z", "z", "Z", "z", "Z", "z", "s",
};
static_assert(sizeof(kLatin) / sizeof(kLatin[0]) == 0x180 - 0xC0);

const char* punctuation(char32_t c) {
  switch (c) {
    case 0x00A0: return " ";    // no-break space
    case 0x00AD: return "";     // soft hyphen (invisible)
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2212: return "-";
    case 0x2018: case 0x2019: case 0x201A: case 0x2032: return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x2033: return "\"";
    case 0x2026: return "...";
    case 0x2009: case 0x200A: case 0x202F: return " ";
    default: return nullptr;
  }
}

}  // namespace

std::string ascii_label(std::string_view s, const std::string& what) {
  std::string out;
  out.reserve(s.size());
  auto bad = [&](const std::string& found) {
    throw InputError(SourceLocation{}, what,
                     fmt::format("found {} in '{}', expected characters with an ASCII spelling for --gambit-ascii",
                                 found, std::string(s)));
  };
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c0 = static_cast<unsigned char>(s[i]);
    if (c0 < 0x80) {
      out += static_cast<char>(c0);
      ++i;
      continue;
    }
    int len = c0 >= 0xF0 && c0 < 0xF8 ? 4 : c0 >= 0xE0 ? 3 : c0 >= 0xC2 && c0 < 0xE0 ? 2 : 0;
    if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) bad("invalid UTF-8");
    char32_t cp = len == 2 ? (c0 & 0x1F) : len == 3 ? (c0 & 0x0F) : (c0 & 0x07);
    for (int k = 1; k < len; ++k) {
      unsigned char ck = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      if ((ck & 0xC0) != 0x80) bad("invalid UTF-8");
      cp = (cp << 6) | (ck & 0x3F);
    }
    i += static_cast<std::size_t>(len);
    if (cp >= 0xC0 && cp < 0x180) out += kLatin[cp - 0xC0];
    else if (const char* p = punctuation(cp)) out += p;
    else bad(fmt::format("U+{:04X}", static_cast<unsigned>(cp)));
  }
  return out;
}

NormalFormGame ascii_labels(const NormalFormGame& g) {
  NormalFormGame a = g;
  a.title = ascii_label(g.title, "title");
  a.comment = ascii_label(g.comment, "comment");
  for (auto& p : a.player_names) p = ascii_label(p, "player name");
  for (auto& list : a.strategy_names)
    for (auto& s : list) s = ascii_label(s, "strategy name");
  if (a.has_outcomes()) {
    std::vector<Outcome> outs = a.outcomes();
    for (auto& o : outs) o.name = ascii_label(o.name, "outcome name");
    std::vector<int> map = a.profile_outcomes();
    a.set_outcomes(std::move(outs), std::move(map));
  }
  return a;
}

ExtensiveFormGame ascii_labels(const ExtensiveFormGame& g) {
  ExtensiveFormGame a = g;
  a.title = ascii_label(g.title, "title");
  a.comment = ascii_label(g.comment, "comment");
  for (auto& p : a.player_names) p = ascii_label(p, "player name");
  for (auto& n : a.nodes) n.name = ascii_label(n.name, "node name");
  for (auto& h : a.infosets) {
    h.name = ascii_label(h.name, "information set name");
    for (auto& act : h.actions) act = ascii_label(act, "action name");
  }
  for (auto& o : a.outcomes) o.name = ascii_label(o.name, "outcome name");
  return a;
}

}  // namespace geobalance::games
