// The production build: no automation hook (the test build links app_test_state.cpp instead).
#include "app.h"

namespace portal {

const bool App::kTestBuild = false;

void App::InstallTestHook() {}

}  // namespace portal
