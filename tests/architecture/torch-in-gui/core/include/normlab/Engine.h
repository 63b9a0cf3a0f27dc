#pragma once
#include "data/Dataset.h"
