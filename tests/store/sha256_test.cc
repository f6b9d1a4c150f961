// SHA-256 against the examples of FIPS 180-4's companion document (NIST, "SHA256.pdf",
// Cryptographic Standards and Guidelines: Examples with Intermediate Values) and FIPS 180-2
// Appendix B: "abc", the 448-bit message, one million 'a'; plus the empty string.
#include <fstream>
#include <string>

#include "geobalance/store/sha256.h"
#include "test_util.h"

namespace geobalance::store {
namespace {

using geobalance::testing::TempDir;

TEST(Sha256, FipsOneBlockMessageAbc) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, EmptyString) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, FipsTwoBlock448BitMessage) {
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, FipsOneMillionA) {
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, IncrementalUpdatesInAnyChunkingGiveTheSameDigest) {
  std::string msg;
  for (int i = 0; i < 1000; ++i) msg += static_cast<char>(i * 37 + 11);
  const std::string whole = sha256_hex(msg);
  for (std::size_t chunk : {1u, 3u, 55u, 56u, 63u, 64u, 65u, 127u, 999u}) {
    Sha256 h;
    for (std::size_t at = 0; at < msg.size(); at += chunk) h.update(std::string_view(msg).substr(at, chunk));
    EXPECT_EQ(h.hex_digest(), whole) << "chunk " << chunk;
  }
  // Lengths around the padding boundary (55, 56, 64 bytes) against one-shot hashing of the
  // same bytes through a file.
  TempDir d;
  for (std::size_t n : {55u, 56u, 57u, 63u, 64u, 65u}) {
    std::string path = d.file("m" + std::to_string(n));
    std::ofstream(path, std::ios::binary) << msg.substr(0, n);
    EXPECT_EQ(sha256_file(path), sha256_hex(msg.substr(0, n))) << n;
  }
}

TEST(Sha256, FileHashEqualsHashOfItsBytes) {
  TempDir d;
  std::ofstream(d.file("abc.txt"), std::ios::binary) << "abc";
  EXPECT_EQ(sha256_file(d.file("abc.txt")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, UnreadableFileIsAnInputErrorNamingThePath) {
  TempDir d;
  EXPECT_THROW_MSG(sha256_file(d.file("missing.csv")), InputError,
                   d.file("missing.csv") + ": file: cannot be read for hashing (No such file or directory)");
  EXPECT_THROW_MSG(sha256_file(d.path()), InputError, d.path() + ": file: cannot be read for hashing (Is a directory)");
}

}  // namespace
}  // namespace geobalance::store
