// Every flag the client understands. They are process-wide absl flags, so a
// command-specific flag is defined once here and each command lists the ones
// it accepts (see cli_commands.cc); the rest are rejected as usage errors.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/flags/declare.h"
#include "absl/time/time.h"

// Global: where to connect, over what, and the caller's credentials.
ABSL_DECLARE_FLAG(std::string, server);
ABSL_DECLARE_FLAG(std::string, token);
ABSL_DECLARE_FLAG(std::string, token_file);
ABSL_DECLARE_FLAG(std::string, ca);
ABSL_DECLARE_FLAG(std::string, cert);
ABSL_DECLARE_FLAG(std::string, key);
ABSL_DECLARE_FLAG(std::string, server_name);
ABSL_DECLARE_FLAG(bool, json);
ABSL_DECLARE_FLAG(absl::Duration, timeout);

// Per command: cases and the directory.
ABSL_DECLARE_FLAG(std::string, route_stage);
ABSL_DECLARE_FLAG(std::string, request_id);
ABSL_DECLARE_FLAG(std::vector<std::string>, commission);
ABSL_DECLARE_FLAG(std::string, filter);
ABSL_DECLARE_FLAG(int32_t, page_size);
ABSL_DECLARE_FLAG(std::string, page_token);
ABSL_DECLARE_FLAG(bool, all);
ABSL_DECLARE_FLAG(std::string, etag);
ABSL_DECLARE_FLAG(std::string, fields);
ABSL_DECLARE_FLAG(std::string, reason);
ABSL_DECLARE_FLAG(std::string, parent);
ABSL_DECLARE_FLAG(bool, unmask);

// Per command: access administration.
ABSL_DECLARE_FLAG(std::string, role);
ABSL_DECLARE_FLAG(std::string, label);
ABSL_DECLARE_FLAG(std::vector<std::string>, room);
ABSL_DECLARE_FLAG(std::vector<std::string>, region);
ABSL_DECLARE_FLAG(std::string, ttl);
ABSL_DECLARE_FLAG(std::string, principal);
ABSL_DECLARE_FLAG(std::string, method);
ABSL_DECLARE_FLAG(std::string, outcome);
ABSL_DECLARE_FLAG(std::string, resource);
ABSL_DECLARE_FLAG(bool, refused);
ABSL_DECLARE_FLAG(bool, unmasked);
ABSL_DECLARE_FLAG(int32_t, limit);

// Per command: reporting.
ABSL_DECLARE_FLAG(std::string, resume);
ABSL_DECLARE_FLAG(bool, follow);
ABSL_DECLARE_FLAG(std::string, format);
ABSL_DECLARE_FLAG(std::string, output);
ABSL_DECLARE_FLAG(std::string, chart_js);

// Per command: consent, eligibility and delegation (docking).
ABSL_DECLARE_FLAG(std::string, party);
ABSL_DECLARE_FLAG(std::string, form);
ABSL_DECLARE_FLAG(std::string, evidence);
ABSL_DECLARE_FLAG(std::string, at);
ABSL_DECLARE_FLAG(std::vector<std::string>, fail);

// Per command: mediation, agreements, outcomes and documents.
ABSL_DECLARE_FLAG(std::string, place);
ABSL_DECLARE_FLAG(std::string, summary);
ABSL_DECLARE_FLAG(bool, online);
ABSL_DECLARE_FLAG(std::vector<std::string>, parties);
ABSL_DECLARE_FLAG(std::vector<std::string>, agents);
ABSL_DECLARE_FLAG(bool, mediator_present);
ABSL_DECLARE_FLAG(std::string, agreement);
ABSL_DECLARE_FLAG(std::string, item);
ABSL_DECLARE_FLAG(int32_t, obligation);
ABSL_DECLARE_FLAG(int64_t, amount);
ABSL_DECLARE_FLAG(bool, act);
ABSL_DECLARE_FLAG(std::string, on);
ABSL_DECLARE_FLAG(std::string, failure);
ABSL_DECLARE_FLAG(std::string, note);
ABSL_DECLARE_FLAG(std::string, manner);
ABSL_DECLARE_FLAG(std::string, ground);
ABSL_DECLARE_FLAG(int32_t, days);
ABSL_DECLARE_FLAG(std::vector<std::string>, consents);
ABSL_DECLARE_FLAG(std::vector<std::string>, pass);
ABSL_DECLARE_FLAG(std::string, suitable);
ABSL_DECLARE_FLAG(std::string, not_suitable);
ABSL_DECLARE_FLAG(bool, contested);
ABSL_DECLARE_FLAG(std::string, infringement);
ABSL_DECLARE_FLAG(std::string, route);
ABSL_DECLARE_FLAG(std::string, breakdown);
ABSL_DECLARE_FLAG(bool, by_month);
ABSL_DECLARE_FLAG(std::string, ground);

// Per command: the room's queue.
ABSL_DECLARE_FLAG(std::string, state);
ABSL_DECLARE_FLAG(bool, overdue);
ABSL_DECLARE_FLAG(std::string, due_before);
ABSL_DECLARE_FLAG(std::string, mediator);
ABSL_DECLARE_FLAG(int64_t, after);
ABSL_DECLARE_FLAG(bool, once);

// Per command: rooms and mediators.
ABSL_DECLARE_FLAG(bool, active);
ABSL_DECLARE_FLAG(std::string, name);
ABSL_DECLARE_FLAG(std::string, kind);
ABSL_DECLARE_FLAG(std::string, host);
ABSL_DECLARE_FLAG(int32_t, capacity);
ABSL_DECLARE_FLAG(int32_t, min_mediators);
ABSL_DECLARE_FLAG(std::string, opened);
ABSL_DECLARE_FLAG(std::string, status);
ABSL_DECLARE_FLAG(std::string, id_number);
ABSL_DECLARE_FLAG(std::string, source);
ABSL_DECLARE_FLAG(std::string, certificate);
ABSL_DECLARE_FLAG(std::string, certificate_expiry);
ABSL_DECLARE_FLAG(std::string, term);
ABSL_DECLARE_FLAG(int32_t, training_hours);
ABSL_DECLARE_FLAG(bool, civil_servant);

// Per command: deadline policies and holiday calendars.
ABSL_DECLARE_FLAG(std::string, date);
ABSL_DECLARE_FLAG(std::string, from);
ABSL_DECLARE_FLAG(std::string, to);
ABSL_DECLARE_FLAG(int32_t, pre_filing);
ABSL_DECLARE_FLAG(int32_t, post_filing);
ABSL_DECLARE_FLAG(int32_t, acceptance);
ABSL_DECLARE_FLAG(int32_t, extension);
ABSL_DECLARE_FLAG(int32_t, extensions);
ABSL_DECLARE_FLAG(int32_t, decision);
ABSL_DECLARE_FLAG(int32_t, review_window);
ABSL_DECLARE_FLAG(int32_t, review);
ABSL_DECLARE_FLAG(int32_t, review_extension);

// Per command: case subsidies and their funding.
ABSL_DECLARE_FLAG(std::string, case);
ABSL_DECLARE_FLAG(std::string, period);
ABSL_DECLARE_FLAG(bool, unsettled);
ABSL_DECLARE_FLAG(std::string, reference);

namespace caitiao::cli {

// Names of the global flags, allowed with every command.
inline constexpr const char* kGlobalFlags[] = {"server", "token",       "token_file", "ca",     "cert",
                                               "key",    "server_name", "json",       "timeout"};

}  // namespace caitiao::cli
