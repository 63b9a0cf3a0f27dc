#!/usr/bin/env python3
"""Checks that Python's PyTorch rebuilds a NormLab model file and reproduces NormLab's logits.

Usage: check-model-python.py MODEL.pt INPUTS.pt [MODEL.pt INPUTS.pt ...]

MODEL.pt is a file of `normlab-cli train --save-model`; INPUTS.pt a dictionary archive with
"images" (uint8, N x C x H x W, RGB) and "logits" (NormLab's logits of those images, float64),
as tests/core/test_model_file_python.cpp writes it. The network below is the one docs/models.md
shows. Prints the largest difference per model; exits 0 when every one is within 1e-5, 1 when
one is not, 77 when torch cannot be imported (the test is then skipped).
"""
import math
import sys

try:
    import torch
    from torch import nn
    import torch.nn.functional as F
except ImportError:
    print('torch is not installed (Debian: apt install python3-torch)')
    sys.exit(77)

TOLERANCE = 1e-5


# --- the network, as in docs/models.md -----------------------------------------------------
def scaled(base, width):
    return max(1, int(math.floor(base * width + 0.5)))  # C++'s llround for positive values


class Weighted(nn.Module):
    """Conv 3x3 (padding 1) or linear layer; with WeightNorm, w = g * v / ||v|| per output."""

    def __init__(self, shape, weight_norm):
        super().__init__()
        if weight_norm:
            self.v = nn.Parameter(torch.empty(shape))
            self.g = nn.Parameter(torch.empty(shape[0]))
        else:
            self.weight = nn.Parameter(torch.empty(shape))
        self.bias = nn.Parameter(torch.empty(shape[0]))

    def effective_weight(self):
        if not hasattr(self, 'v'):
            return self.weight
        norms = self.v.flatten(1).norm(2, 1)
        return self.v * (self.g / norms).view(-1, *([1] * (self.v.dim() - 1)))

    def forward(self, x):
        w = self.effective_weight()
        return F.conv2d(x, w, self.bias, padding=1) if w.dim() == 4 else F.linear(x, w, self.bias)


class MeanOnlyBatchNorm(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.bias = nn.Parameter(torch.zeros(channels))
        self.register_buffer('running_mean', torch.zeros(channels))

    def forward(self, x):  # evaluation: the running mean
        return x - (self.running_mean - self.bias).view(1, -1, 1, 1)


def normalization(meta, channels):
    kind = meta['normalization']
    if kind == 'batch':
        return nn.BatchNorm2d(channels)
    if kind == 'layer':
        return nn.GroupNorm(1, channels)  # statistics over (C, H, W), scale per channel
    if kind == 'instance':
        return nn.InstanceNorm2d(channels, affine=True)
    if kind == 'group':
        return nn.GroupNorm(meta['groups'], channels)
    if kind == 'weight' and meta['mean_only_batchnorm']:
        return MeanOnlyBatchNorm(channels)
    return None


class Block(nn.Module):
    def __init__(self, meta, cin, cout):
        super().__init__()
        self.conv = Weighted((cout, cin, 3, 3), meta['normalization'] == 'weight')
        norm = normalization(meta, cout)
        if norm is not None:
            self.norm = norm
        self.after = meta['norm_after_activation']

    def forward(self, x):
        x = self.conv(x)
        if self.after:
            x = F.relu(x)
        if hasattr(self, 'norm'):
            x = self.norm(x)
        if not self.after:
            x = F.relu(x)
        return F.max_pool2d(x, 2)


class NormCnn(nn.Module):
    def __init__(self, meta):
        super().__init__()
        weight_norm = meta['normalization'] == 'weight'
        channels = [scaled(c, meta['width']) for c in (16, 32, 64)]
        cin = meta['channels']
        for i, cout in enumerate(channels):
            self.add_module(f'block{i + 1}', Block(meta, cin, cout))
            cin = cout
        self.global_pool = meta['architecture'] == 'gap' or meta['global_pool']
        side = meta['image_size'] // 8
        features = cin if self.global_pool else cin * side * side
        classes = len(meta['class_names'])
        if meta['architecture'] == 'fc':
            units = scaled(128, meta['width'])
            self.hidden = Weighted((units, features), weight_norm)
            self.output = Weighted((classes, units), weight_norm)
        else:
            self.output = Weighted((classes, features), weight_norm)

    def forward(self, x):  # evaluation: dropout and DropConnect are off
        x = self.block3(self.block2(self.block1(x)))
        x = x.mean((2, 3)) if self.global_pool else x.flatten(1)
        if hasattr(self, 'hidden'):
            x = F.relu(self.hidden(x))
        return self.output(x)


def load_model(path):
    archive = torch.load(path)
    meta = archive['metadata']
    model = NormCnn(meta)
    model.load_state_dict(archive['state_dict'])
    return model.eval(), meta


def prepare(images, meta):
    """uint8 RGB N x C x H x W -> the network's input, with the training statistics."""
    mean = torch.tensor(meta['input_mean'], dtype=torch.float32).view(1, -1, 1, 1)
    std = torch.tensor(meta['input_std'], dtype=torch.float32).view(1, -1, 1, 1).clamp(min=1e-6)
    # (x / 255 - mean) / std, rounded as NormLab computes it: x * scale + shift in float32.
    return images.float() * (1 / (255 * std)) + (-mean / std)
# --- end of the network ---------------------------------------------------------------------


def check(model_path, inputs_path):
    model, meta = load_model(model_path)
    inputs = torch.load(inputs_path)
    with torch.no_grad():
        logits = model(prepare(inputs['images'], meta)).double()
    difference = (logits - inputs['logits']).abs().max().item()
    print(f'{model_path}: {meta["architecture"]} {meta["normalization"]}, '
          f'{len(inputs["images"])} images, largest logit difference {difference:.3g}')
    return difference <= TOLERANCE


def main(args):
    if len(args) < 2 or len(args) % 2:
        print(__doc__)
        return 2
    results = [check(args[i], args[i + 1]) for i in range(0, len(args), 2)]
    return 0 if all(results) else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
