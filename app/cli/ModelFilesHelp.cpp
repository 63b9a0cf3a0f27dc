#include "cli/ModelFilesHelp.h"

namespace normlab::cli {
namespace {

const char *const kModelOptions =
    "train options for model files (docs/models.md):\n"
    "  --save-model FILE.pt              after the run, write the model: a PyTorch archive\n"
    "                                    (torch.load opens it) with the best weights\n"
    "                                    (lowest validation loss) and what predicting needs\n"
    "  --checkpoint DIR|FILE             after every epoch, write a checkpoint (DIR:\n"
    "                                    DIR/checkpoint.pt), atomically: a kill leaves the\n"
    "                                    previous one\n"
    "  --resume CHECKPOINT               continue the checkpoint's run (its configuration;\n"
    "                                    --epochs, --threads and --data may change):\n"
    "                                    bit-identical to a run never interrupted\n"
    "\n"
    "normlab-cli predict --model FILE.pt IMAGE_OR_FOLDER... [options]:\n"
    "                                    the top classes of every image (.jpg, .jpeg,\n"
    "                                    .png, .bmp; folders are searched), preprocessed\n"
    "                                    exactly as in training\n"
    "  --top K                           classes per image (default 3)\n"
    "  --csv FILE.csv                    one row per image: file,top1,probability, then\n"
    "                                    top2,probability2 ... topK,probabilityK\n"
    "\n";

} // namespace

std::string modelOptionsHelp()
{
    return kModelOptions;
}

} // namespace normlab::cli
