#pragma once
#include "window/Right.h"
