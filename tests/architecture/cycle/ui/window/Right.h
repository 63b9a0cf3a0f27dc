#pragma once
#include "window/Left.h"
