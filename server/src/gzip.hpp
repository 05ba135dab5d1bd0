#pragma once
#include <string>

namespace maillon::server {
/// gzip (RFC 1952) of a body, with zlib. GeoJSON compresses about tenfold.
std::string gzip(const std::string& body);
}  // namespace maillon::server
