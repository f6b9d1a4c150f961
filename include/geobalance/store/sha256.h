// SHA-256 (FIPS 180-4, section 6.2), written out here so that the run store's provenance
// hashes need no crypto library. Used to fingerprint scenario and data files; not for
// passwords or signatures.
//
// Cost: O(n) in the bytes hashed, one 64-byte block at a time; sha256_file reads in 64 KiB
// chunks, so memory does not grow with the file.
#ifndef GEOBALANCE_STORE_SHA256_H_
#define GEOBALANCE_STORE_SHA256_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace geobalance::store {

/// Incremental SHA-256: update() any number of times, then digest() once.
class Sha256 {
 public:
  Sha256();
  /// Appends bytes to the message.
  void update(std::string_view bytes);
  void update(const unsigned char* bytes, std::size_t n);
  /// Pads the message, returns the 32-byte digest. The object must not be updated afterwards.
  std::array<std::uint8_t, 32> digest();
  /// digest() as 64 lowercase hex digits.
  std::string hex_digest();

 private:
  void compress(const std::uint8_t* block);
  std::array<std::uint32_t, 8> h_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_bytes_ = 0;
  bool finished_ = false;
};

/// Hex SHA-256 of a byte string, e.g. sha256_hex("abc") = "ba7816bf…f20015ad".
std::string sha256_hex(std::string_view bytes);

/// Hex SHA-256 of a file's bytes. Throws InputError naming the path when it cannot be
/// opened or read (missing, a folder, no permission).
std::string sha256_file(const std::string& path);

}  // namespace geobalance::store

#endif  // GEOBALANCE_STORE_SHA256_H_
