// The production build: no automation hook (the test build links app_test_state.cpp instead).
#include "app.h"

namespace portal {

void App::InstallTestHook() {}

}  // namespace portal
