#pragma once
// The API handlers: each parses its query, reads the served state, writes the body.

#include "maillon/server/served_state.hpp"

#include <httplib.h>

namespace maillon::server {

class RouteSearches;

void handle_meta(const ServedState& s, const httplib::Request& req, httplib::Response& res);
void handle_indicators(const ServedState& s, const httplib::Request& req, httplib::Response& res);
void handle_gaps(const ServedState& s, std::size_t max_features, const httplib::Request& req, httplib::Response& res);
void handle_network(const ServedState& s, std::size_t max_features, const httplib::Request& req, httplib::Response& res);
void handle_qpv(const ServedState& s, const httplib::Request& req, httplib::Response& res);
void handle_stations(const ServedState& s, const httplib::Request& req, httplib::Response& res);
void handle_route(const ServedState& s, RouteSearches& searches, const httplib::Request& req, httplib::Response& res);

}  // namespace maillon::server
