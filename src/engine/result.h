// Error and Result types shared by every engine API: errors carry a field path and both languages.
#pragma once
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace portal {

// Every user-facing message exists in Japanese (the default) and English.
struct Text {
    std::string ja;
    std::string en;
};

// One problem with one input: `field` is a path ("lines.columns.phone[42]", "start_from") so the
// API can return it and the UI can show the message beside the right widget.
struct Error {
    std::string code;   // stable machine code, e.g. "prefix_too_short", "bad_field"
    std::string field;  // path of the offending field; empty when not tied to one
    Text message;
};

template <class T>
class Result {
  public:
    Result(T value) : value_(std::move(value)) {}
    // Not offered for Result<Error> (it would collide with the value constructor): use Failure().
    template <class U = T, std::enable_if_t<!std::is_same<U, Error>::value, int> = 0>
    Result(Error error) : error_(std::move(error)) {}
    static Result Failure(Error error) {
        Result result{FailureTag{}};
        result.error_ = std::move(error);
        return result;
    }

    bool ok() const { return value_.has_value(); }
    explicit operator bool() const { return ok(); }
    T& value() { return *value_; }
    const T& value() const { return *value_; }
    T&& take() { return std::move(*value_); }
    const Error& error() const { return error_; }

  private:
    struct FailureTag {};
    explicit Result(FailureTag) {}
    std::optional<T> value_;
    Error error_;
};

}  // namespace portal
