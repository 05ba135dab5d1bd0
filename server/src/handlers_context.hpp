#pragma once
// Handlers of the map's context (docs/api.md): GET /api/v1/streets, /api/v1/search, /api/v1/candidates.

#include "context_layers.hpp"

#include <httplib.h>

namespace maillon::server {

void handle_streets(const ContextLayers& c, std::size_t max_features, const httplib::Request& req, httplib::Response& res);
void handle_search(const ContextLayers& c, const httplib::Request& req, httplib::Response& res);
void handle_candidates(const ContextLayers& c, std::size_t max_features, const httplib::Request& req, httplib::Response& res);

}  // namespace maillon::server
