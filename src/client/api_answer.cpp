// Reading an API answer without the browser: the failure message, code and field of an error
// answer, and what a controller's answer means for the App (client_ports.h).
#include "api_client.h"
#include "client_ports.h"
#include "engine/codec.h"

namespace portal {

bool IsTransportFailure(const ApiResponse& response) {
    return response.status == 0 || response.status >= 500;
}

namespace {
Result<Error> DecodeFailure(const ApiResponse& response) {
    if (response.body.empty()) return Error{"empty", "", {}};
    return DecodeErrorJson(response.body);
}
}  // namespace

Message FailureMessage(const ApiResponse& response) {
    Message message;
    if (response.status == 0) {
        if (response.network_error == "timeout") return MessageOf(Str::NetworkTimeout);
        const std::string detail = response.network_error.empty() ? "network error" : response.network_error;
        message.text.ja = Format(Tr(Lang::Ja, Str::NetworkFailed), detail.c_str());
        message.text.en = Format(Tr(Lang::En, Str::NetworkFailed), detail.c_str());
        return message;
    }
    auto decoded = DecodeFailure(response);
    if (decoded.ok() && !decoded.value().message.ja.empty()) {
        message.text = decoded.value().message;
        return message;
    }
    message.text.ja = Format(Tr(Lang::Ja, Str::ServerError), response.status);
    message.text.en = Format(Tr(Lang::En, Str::ServerError), response.status);
    return message;
}

std::string FailureCode(const ApiResponse& response) {
    auto decoded = DecodeFailure(response);
    return decoded.ok() ? decoded.value().code : std::string();
}

std::string FailureField(const ApiResponse& response) {
    auto decoded = DecodeFailure(response);
    return decoded.ok() ? decoded.value().field : std::string();
}

AnswerOutcome ClassifyAnswer(const ApiResponse& response) {
    if (response.status == 401) return {AnswerKind::SignedOut, FailureMessage(response)};
    if (!response.ok()) return {AnswerKind::Failed, FailureMessage(response)};
    return {};
}

AnswerOutcome UnusableAnswer(const Error& error) {
    Message message;
    message.text.ja = Format(Tr(Lang::Ja, Str::BadResponse), error.message.ja.c_str());
    message.text.en = Format(Tr(Lang::En, Str::BadResponse), error.message.en.c_str());
    return {AnswerKind::Unusable, std::move(message)};
}

}  // namespace portal
