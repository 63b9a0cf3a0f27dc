#pragma once
#include "window/MainWindow.h"
