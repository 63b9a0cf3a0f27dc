<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>ArchiveUnpack</name>
    <message>
        <source>cannot open the archive %1: %2</source>
        <translation>không mở được tệp nén %1: %2</translation>
    </message>
    <message>
        <source>%1 is damaged or truncated: %2</source>
        <translation>%1 bị hỏng hoặc bị cắt cụt: %2</translation>
    </message>
    <message>
        <source>refused: the entry &apos;%1&apos; in %2 would land outside the folder it is unpacked into (an absolute path or a &apos;..&apos; part); nothing was unpacked</source>
        <translation>bị từ chối: mục &apos;%1&apos; trong %2 sẽ nằm ngoài thư mục giải nén (đường dẫn tuyệt đối hoặc có phần &apos;..&apos;); chưa giải nén gì</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>không tạo được thư mục %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>không ghi được %1: %2</translation>
    </message>
    <message>
        <source>cannot write %1: %2 (is the disk full?)</source>
        <translation>không ghi được %1: %2 (ổ đĩa đã đầy?)</translation>
    </message>
    <message>
        <source>refused: the entry &apos;%1&apos; in %2 is a link; nothing was unpacked</source>
        <translation>bị từ chối: mục &apos;%1&apos; trong %2 là một liên kết; chưa giải nén gì</translation>
    </message>
    <message>
        <source>refused: the entry &apos;%1&apos; in %2 is not a file or a folder; nothing was unpacked</source>
        <translation>bị từ chối: mục &apos;%1&apos; trong %2 không phải tệp hay thư mục; chưa giải nén gì</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>không đọc được %1: %2</translation>
    </message>
    <message>
        <source>cannot create a folder in %1: %2</source>
        <translation>không tạo được thư mục trong %1: %2</translation>
    </message>
    <message>
        <source>%1 holds no CIFAR-10 binary batches (data_batch_1.bin ... data_batch_5.bin, test_batch.bin): is it cifar-10-binary.tar.gz?</source>
        <translation>%1 không chứa các batch nhị phân của CIFAR-10 (data_batch_1.bin ... data_batch_5.bin, test_batch.bin): có đúng là cifar-10-binary.tar.gz không?</translation>
    </message>
    <message>
        <source>%1 exists and is not an empty folder; move it away or choose another folder</source>
        <translation>%1 đã tồn tại và không phải thư mục rỗng; hãy chuyển nó đi hoặc chọn thư mục khác</translation>
    </message>
    <message>
        <source>cannot move the unpacked batches to %1: %2</source>
        <translation>không chuyển được các batch đã giải nén sang %1: %2</translation>
    </message>
</context>
<context>
    <name>AugmentationPreview</name>
    <message>
        <source>Which training image (0-based)</source>
        <translation>Ảnh huấn luyện nào (đánh số từ 0)</translation>
    </message>
    <message>
        <source>Next image</source>
        <translation>Ảnh tiếp theo</translation>
    </message>
    <message>
        <source>Reshuffle</source>
        <translation>Xáo lại</translation>
    </message>
    <message>
        <source>Draw other random augmentations of the same image</source>
        <translation>Tạo các biến đổi ngẫu nhiên khác của cùng ảnh này</translation>
    </message>
    <message>
        <source>Save the augmentation preview as PNG</source>
        <translation>Lưu bản xem trước Data Augmentation thành PNG</translation>
    </message>
    <message>
        <source>Training image:</source>
        <translation>Ảnh huấn luyện:</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <source>Load a dataset to preview its augmentations.</source>
        <translation>Hãy tải một bộ dữ liệu để xem trước các phép Data Augmentation.</translation>
    </message>
    <message>
        <source>No images yet.</source>
        <translation>Chưa có ảnh.</translation>
    </message>
    <message>
        <source>Image %1: the original, then %2 augmented versions (seed %3)</source>
        <translation>Ảnh %1: ảnh gốc, sau đó là %2 phiên bản đã tăng cường (seed %3)</translation>
    </message>
    <message>
        <source>original
%1</source>
        <translation>ảnh gốc
%1</translation>
    </message>
    <message>
        <source>augmented %1</source>
        <translation>tăng cường %1</translation>
    </message>
    <message>
        <source>No preview: %1</source>
        <translation>Không có bản xem trước: %1</translation>
    </message>
</context>
<context>
    <name>BatchLossPlot</name>
    <message>
        <source>step</source>
        <translation>bước</translation>
    </message>
    <message>
        <source>The per-batch loss of runs trained in this session appears here
(it is not stored in the project)</source>
        <translation>Loss theo từng batch của các lần chạy trong phiên này hiện ở đây
(không được lưu vào dự án)</translation>
    </message>
    <message>
        <source>%1 · batch loss</source>
        <translation>%1 · loss theo batch</translation>
    </message>
    <message>
        <source>%1 · smoothed</source>
        <translation>%1 · đã làm mượt</translation>
    </message>
    <message>
        <source>batch loss</source>
        <translation>loss theo batch</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixModel</name>
    <message>
        <source>true %1, predicted %2: %3 of %4 images (%5%)</source>
        <translation>nhãn thật %1, dự đoán %2: %3 trên %4 ảnh (%5%)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>true class %1: %2 images</source>
        <translation>nhãn thật %1: %2 ảnh</translation>
    </message>
    <message>
        <source>predicted as %1</source>
        <translation>dự đoán là %1</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixView</name>
    <message>
        <source>Validation</source>
        <translation>Tập validation</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Tập test</translation>
    </message>
    <message>
        <source>The split the best weights were evaluated on</source>
        <translation>Tập dữ liệu dùng để đánh giá bộ trọng số tốt nhất</translation>
    </message>
    <message>
        <source>Save the confusion matrix as PNG</source>
        <translation>Lưu ma trận nhầm lẫn thành PNG</translation>
    </message>
    <message>
        <source>Save CSV…</source>
        <translation>Lưu CSV…</translation>
    </message>
    <message>
        <source>Split:</source>
        <translation>Tập:</translation>
    </message>
    <message>
        <source>Rows: true class (images in brackets); columns: predicted class. Click a cell to see its images.</source>
        <translation>Hàng: nhãn thật (số ảnh trong ngoặc); cột: nhãn dự đoán. Nhấn vào một ô để xem các ảnh của nó.</translation>
    </message>
    <message>
        <source>Click a cell to see the images behind it.</source>
        <translation>Nhấn vào một ô để xem các ảnh tương ứng.</translation>
    </message>
    <message>
        <source>No run selected.</source>
        <translation>Chưa chọn lần chạy nào.</translation>
    </message>
    <message>
        <source>The stored predictions cannot be counted: %1</source>
        <translation>Không đếm được các dự đoán đã lưu: %1</translation>
    </message>
    <message>
        <source>%1 has no %2 predictions: they are made with the best weights when a run ends (runs saved before NormLab recorded them have none).</source>
        <translation>%1 không có dự đoán trên %2: chúng được tính bằng bộ trọng số tốt nhất khi lần chạy kết thúc (các lần chạy lưu trước khi NormLab ghi lại dự đoán thì không có).</translation>
    </message>
    <message>
        <source>%1, %2: accuracy %3 (%4 of %5 images correct)</source>
        <translation>%1, %2: accuracy %3 (đúng %4 trên %5 ảnh)</translation>
    </message>
    <message>
        <source> — loading…</source>
        <translation> — đang tải…</translation>
    </message>
    <message>
        <source>#%1
%2%</source>
        <translation>#%1
%2%</translation>
    </message>
    <message>
        <source>%1 image %2: true %3, predicted %4 with confidence %5</source>
        <translation>%1, ảnh %2: nhãn thật %3, dự đoán %4 với độ tin cậy %5</translation>
    </message>
    <message>
        <source>True %1, predicted %2: %3 of the %4 images of class %1</source>
        <translation>Nhãn thật %1, dự đoán %2: %3 trên %4 ảnh của nhãn %1</translation>
    </message>
    <message>
        <source> (the first %1 shown)</source>
        <translation> (hiện %1 ảnh đầu)</translation>
    </message>
    <message>
        <source> — dataset not available: %1</source>
        <translation> — không có bộ dữ liệu: %1</translation>
    </message>
    <message>
        <source>The images could not be loaded: %1</source>
        <translation>Không tải được ảnh: %1</translation>
    </message>
    <message>
        <source>Save the confusion matrix as CSV</source>
        <translation>Lưu ma trận nhầm lẫn thành CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Tệp CSV (*.csv)</translation>
    </message>
    <message>
        <source>Save CSV</source>
        <translation>Lưu CSV</translation>
    </message>
</context>
<context>
    <name>CurvePlot</name>
    <message>
        <source>No data yet</source>
        <translation>Chưa có dữ liệu</translation>
    </message>
</context>
<context>
    <name>DatasetPreview</name>
    <message>
        <source>No dataset loaded yet. Press &lt;b&gt;Load preview&lt;/b&gt; or &lt;b&gt;Train&lt;/b&gt;, or drop a dataset folder onto the window.</source>
        <translation>Chưa tải bộ dữ liệu nào. Nhấn &lt;b&gt;Xem trước dữ liệu&lt;/b&gt; hoặc &lt;b&gt;Huấn luyện&lt;/b&gt;, hoặc kéo thả một thư mục dữ liệu vào cửa sổ.</translation>
    </message>
    <message>
        <source>Loading %v of %m</source>
        <translation>Đang tải %v / %m</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 classes: %3&lt;br&gt;train %4 · validation %5 · test %6 images, %7×%8×%9, loaded in %10 s</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 nhãn: %3&lt;br&gt;train %4 · validation %5 · test %6 ảnh, %7×%8×%9, tải trong %10 s</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;The dataset settings changed; this preview shows the previous ones.&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;Thiết lập bộ dữ liệu đã thay đổi; bản xem trước này vẫn theo thiết lập cũ.&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>ExperimentForm</name>
    <message>
        <source>Image size</source>
        <translation>Kích thước ảnh</translation>
    </message>
    <message>
        <source>Training images</source>
        <translation>Số ảnh huấn luyện</translation>
    </message>
    <message>
        <source>CV folds</source>
        <translation>Số fold CV</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Độ rộng</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Số nhóm</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Tốc độ học</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>Momentum</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Batch size</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Số epoch</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Số luồng</translation>
    </message>
    <message>
        <source>Early stopping</source>
        <translation>Early stopping</translation>
    </message>
    <message>
        <source>Choose the image folder (Folder › Browse…, or drop it on the window) to train</source>
        <translation>Hãy chọn thư mục ảnh (Thư mục › Chọn…, hoặc kéo thả vào cửa sổ) để huấn luyện</translation>
    </message>
    <message>
        <source>Mean-only BatchNorm goes with WeightNorm: choose WeightNorm or untick it</source>
        <translation>Mean-only BatchNorm đi kèm WeightNorm: hãy chọn WeightNorm hoặc bỏ chọn ô này</translation>
    </message>
    <message>
        <source>Global pooling is for the FC network: choose FC or untick it</source>
        <translation>Global Pooling dành cho mạng FC: hãy chọn FC hoặc bỏ chọn ô này</translation>
    </message>
    <message>
        <source>of %1 channels</source>
        <translation>trên %1 kênh</translation>
    </message>
    <message>
        <source>Dataset folder</source>
        <translation>Thư mục dữ liệu</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Không dùng</translation>
    </message>
    <message>
        <source>No normalization: conv → ReLU, the baseline row of the lecture&apos;s table.</source>
        <translation>No Normalization: conv → ReLU, hàng cơ sở trong bảng kết quả của bài giảng.</translation>
    </message>
    <message>
        <source>BatchNorm</source>
        <translation>BatchNorm</translation>
    </message>
    <message>
        <source>Normalizes each channel over the batch (N, H, W): less internal covariate shift, smoother gradients, a little regularizing noise.</source>
        <translation>Chuẩn hoá từng kênh trên cả batch (N, H, W): giảm Internal Covariate Shift, gradient mượt hơn, thêm chút noise có tác dụng regularization.</translation>
    </message>
    <message>
        <source>LayerNorm</source>
        <translation>LayerNorm</translation>
    </message>
    <message>
        <source>Normalizes each sample over all its channels and positions (C, H, W): does not depend on the batch size.</source>
        <translation>Chuẩn hoá từng mẫu trên mọi kênh và vị trí của nó (C, H, W): không phụ thuộc vào batch size.</translation>
    </message>
    <message>
        <source>InstanceNorm</source>
        <translation>InstanceNorm</translation>
    </message>
    <message>
        <source>Normalizes each channel of each sample over (H, W): removes per-image contrast.</source>
        <translation>Chuẩn hoá từng kênh của từng mẫu trên (H, W): loại bỏ độ tương phản riêng của mỗi ảnh.</translation>
    </message>
    <message>
        <source>GroupNorm</source>
        <translation>GroupNorm</translation>
    </message>
    <message>
        <source>Normalizes each sample over (H, W) and a group of channels: between LayerNorm (one group) and InstanceNorm (one channel per group).</source>
        <translation>Chuẩn hoá từng mẫu trên (H, W) và một nhóm kênh: nằm giữa LayerNorm (một nhóm) và InstanceNorm (mỗi nhóm một kênh).</translation>
    </message>
    <message>
        <source>WeightNorm</source>
        <translation>WeightNorm</translation>
    </message>
    <message>
        <source>Splits every weight into direction and magnitude, w = g·v/‖v‖, which update independently; usually paired with mean-only BatchNorm.</source>
        <translation>Tách riêng hướng và độ lớn của trọng số, w = g·v/‖v‖, để hai yếu tố cập nhật độc lập với nhau; thường kết hợp với Mean-Only BatchNorm.</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Bộ dữ liệu</translation>
    </message>
    <message>
        <source>Built-in synthetic</source>
        <translation>Dữ liệu tổng hợp có sẵn</translation>
    </message>
    <message>
        <source>Generated 32×32 shapes in 10 classes: no download, trains in seconds.</source>
        <translation>Các hình 32×32 được sinh ra, chia làm 10 nhãn: không cần tải về, huấn luyện trong vài giây.</translation>
    </message>
    <message>
        <source>CIFAR-10 folder</source>
        <translation>Thư mục CIFAR-10</translation>
    </message>
    <message>
        <source>The binary CIFAR-10 batches (data_batch_1.bin ...), as in the lecture&apos;s Experiment 1.</source>
        <translation>Các batch nhị phân của CIFAR-10 (data_batch_1.bin ...), như Thí nghiệm 1 của bài giảng.</translation>
    </message>
    <message>
        <source>Image folder</source>
        <translation>Thư mục ảnh</translation>
    </message>
    <message>
        <source>One sub-folder per class, e.g. the Tom and Jerry frames of Experiment 2.</source>
        <translation>Mỗi nhãn một thư mục con, ví dụ ảnh Tom and Jerry của Thí nghiệm 2.</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Nguồn</translation>
    </message>
    <message>
        <source>Choose or drop a folder</source>
        <translation>Chọn hoặc kéo thả một thư mục</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Thư mục</translation>
    </message>
    <message>
        <source>Image folders are resized to this size; the built-in shapes and CIFAR-10 are always 32×32.</source>
        <translation>Ảnh trong thư mục được đưa về kích thước này; hình có sẵn và CIFAR-10 luôn là 32×32.</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Train on at most this many images (0: all) for quick experiments.</source>
        <translation>Chỉ huấn luyện trên tối đa chừng này ảnh (0: tất cả) để thử nhanh.</translation>
    </message>
    <message>
        <source>all</source>
        <translation>tất cả</translation>
    </message>
    <message>
        <source>Load preview</source>
        <translation>Xem trước dữ liệu</translation>
    </message>
    <message>
        <source>Load the dataset now and show its classes, split sizes and samples. Train loads it anyway.</source>
        <translation>Tải bộ dữ liệu ngay và hiện các nhãn, kích thước các tập và ảnh mẫu. Khi huấn luyện, dữ liệu vẫn được tải.</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Mô hình</translation>
    </message>
    <message>
        <source>GAP (Experiment 1)</source>
        <translation>GAP (Thí nghiệm 1)</translation>
    </message>
    <message>
        <source>Three conv blocks → global average pooling → Linear, the lecture&apos;s normalization network.</source>
        <translation>Ba khối conv → GlobalAvgPool → Linear, mạng dùng cho phần Normalization của bài giảng.</translation>
    </message>
    <message>
        <source>FC (Experiment 2)</source>
        <translation>FC (Thí nghiệm 2)</translation>
    </message>
    <message>
        <source>Three conv blocks → Flatten → Linear(128) → ReLU → Linear, the lecture&apos;s regularization network.</source>
        <translation>Ba khối conv → Flatten → Linear(128) → ReLU → Linear, mạng dùng cho phần Regularization của bài giảng.</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Cấu trúc mạng</translation>
    </message>
    <message>
        <source>Multiplies the channels (16, 32, 64) and hidden units (128): model capacity, as on the double-descent slide.</source>
        <translation>Nhân số kênh (16, 32, 64) và số nơ-ron ẩn (128): độ lớn của mô hình, như trong slide Double Descent.</translation>
    </message>
    <message>
        <source>Normalization</source>
        <translation>Normalization</translation>
    </message>
    <message>
        <source>GroupNorm: channels per sample are split into this many groups; it must divide every block&apos;s channel count.</source>
        <translation>GroupNorm: các kênh của mỗi mẫu được chia thành chừng này nhóm; số nhóm phải chia hết số kênh của mọi khối.</translation>
    </message>
    <message>
        <source>Mean-only BatchNorm</source>
        <translation>Mean-Only BatchNorm</translation>
    </message>
    <message>
        <source>With WeightNorm: subtract each channel&apos;s batch mean without dividing by its deviation (Salimans &amp; Kingma).</source>
        <translation>Dùng với WeightNorm: trừ đi trung bình theo batch của từng kênh mà không chia cho độ lệch chuẩn (Salimans &amp; Kingma).</translation>
    </message>
    <message>
        <source>Normalize after ReLU</source>
        <translation>Chuẩn hoá sau ReLU</translation>
    </message>
    <message>
        <source>Place the normalization after the activation instead of the lecture&apos;s conv → norm → ReLU.</source>
        <translation>Đặt lớp normalization sau hàm kích hoạt thay vì conv → norm → ReLU như bài giảng.</translation>
    </message>
    <message>
        <source>Regularizers</source>
        <translation>Regularization</translation>
    </message>
    <message>
        <source>L1: adds λ·Σ|w| to the loss, pushing weights to exactly zero (sparse weights).</source>
        <translation>L1: cộng λ·Σ|w| vào hàm loss, đẩy các trọng số về đúng 0 (trọng số thưa).</translation>
    </message>
    <message>
        <source>L1 λ</source>
        <translation>L1 λ</translation>
    </message>
    <message>
        <source>L2: adds λ·Σw² to the loss (weight decay), keeping weights small.</source>
        <translation>L2: cộng λ·Σw² vào hàm loss (weight decay), giữ cho trọng số nhỏ.</translation>
    </message>
    <message>
        <source>L2 λ</source>
        <translation>L2 λ</translation>
    </message>
    <message>
        <source>Dropout: during training, zeroes each activation before the last Linear with probability p.</source>
        <translation>Dropout: trong khi huấn luyện, đặt về 0 mỗi giá trị kích hoạt trước lớp Linear cuối với xác suất p.</translation>
    </message>
    <message>
        <source>Dropout p</source>
        <translation>Dropout p</translation>
    </message>
    <message>
        <source>DropConnect: during training, zeroes each weight of the hidden Linear with probability p.</source>
        <translation>DropConnect: trong khi huấn luyện, đặt về 0 mỗi trọng số của lớp Linear ẩn với xác suất p.</translation>
    </message>
    <message>
        <source>DropConnect p</source>
        <translation>DropConnect p</translation>
    </message>
    <message>
        <source>Global pooling</source>
        <translation>Global Pooling</translation>
    </message>
    <message>
        <source>FC network: global average pooling replaces Flatten, so the head has far fewer weights to overfit with.</source>
        <translation>Mạng FC: GlobalAvgPool thay cho Flatten, nên phần đầu ra có ít trọng số hơn hẳn, khó bị Overfitting hơn.</translation>
    </message>
    <message>
        <source>Early stopping: stop when the validation loss has not improved for this many epochs; the best epoch is reported.</source>
        <translation>Early stopping: dừng khi loss trên tập validation không cải thiện sau chừng này epoch; kết quả lấy theo epoch tốt nhất.</translation>
    </message>
    <message>
        <source>off</source>
        <translation>tắt</translation>
    </message>
    <message>
        <source> epochs</source>
        <translation> epoch</translation>
    </message>
    <message>
        <source>Data augmentation</source>
        <translation>Data Augmentation</translation>
    </message>
    <message>
        <source>Random flips and shifted crops of the training images: more varied data against overfitting.</source>
        <translation>Lật ngẫu nhiên và cắt dịch ảnh huấn luyện: dữ liệu đa dạng hơn để chống Overfitting.</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Thiết lập huấn luyện</translation>
    </message>
    <message>
        <source>Passes over the training images.</source>
        <translation>Số lượt duyệt qua toàn bộ ảnh huấn luyện.</translation>
    </message>
    <message>
        <source>Learning rate: the step size of every update.</source>
        <translation>Tốc độ học: độ dài bước của mỗi lần cập nhật.</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>Adam: adaptive per-weight steps.</source>
        <translation>Adam: bước cập nhật thích nghi theo từng trọng số.</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>Stochastic gradient descent with momentum.</source>
        <translation>Stochastic gradient descent có momentum.</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Thuật toán tối ưu</translation>
    </message>
    <message>
        <source>SGD momentum.</source>
        <translation>Momentum của SGD.</translation>
    </message>
    <message>
        <source>Images per step; BatchNorm&apos;s statistics come from each batch.</source>
        <translation>Số ảnh mỗi bước; BatchNorm tính mean/variance trên từng batch.</translation>
    </message>
    <message>
        <source>Seed of the weights, shuffling and dropout; the data splits stay fixed.</source>
        <translation>Seed cho khởi tạo trọng số, xáo dữ liệu và Dropout; cách chia các tập dữ liệu giữ nguyên.</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>k-fold cross-validation: training and validation images are pooled and cut into k folds; each fold validates once while the others train. Train queues one run a fold; Group repeats shows mean ± std.</source>
        <translation>Cross-Validation k-fold: ảnh train và validation được gộp lại rồi chia thành k phần; mỗi phần lần lượt làm tập validation, các phần còn lại dùng để huấn luyện. Huấn luyện sẽ xếp hàng mỗi fold một lần chạy; Gộp lần lặp hiện trung bình ± độ lệch chuẩn.</translation>
    </message>
    <message>
        <source>Threads for LibTorch&apos;s operations (0: all cores).</source>
        <translation>Số luồng cho các phép tính của LibTorch (0: tất cả các nhân).</translation>
    </message>
    <message>
        <source>all cores</source>
        <translation>tất cả các nhân</translation>
    </message>
    <message>
        <source>Layer statistics on a fixed probe batch every N training steps, gradient norms every step (0: record neither).</source>
        <translation>Thống kê theo lớp trên một batch thăm dò cố định sau mỗi N bước huấn luyện, chuẩn gradient ở mọi bước (0: không ghi cả hai).</translation>
    </message>
    <message>
        <source>Layer stats every</source>
        <translation>Thống kê lớp mỗi</translation>
    </message>
    <message>
        <source>The run&apos;s name in the table; empty: named after the method, as in the slides.</source>
        <translation>Tên của lần chạy trong bảng; để trống: đặt theo tên phương pháp, như trong slide.</translation>
    </message>
    <message>
        <source>Run name</source>
        <translation>Tên lần chạy</translation>
    </message>
    <message>
        <source>Choose the CIFAR-10 folder (Folder › Browse…, or drop it on the window) to train, or download it with File › Get CIFAR-10…</source>
        <translation>Hãy chọn thư mục CIFAR-10 (Thư mục › Chọn…, hoặc kéo thả vào cửa sổ) để huấn luyện, hoặc tải về bằng Tệp › Tải CIFAR-10…</translation>
    </message>
</context>
<context>
    <name>GetCifarDialog</name>
    <message>
        <source>Get CIFAR-10</source>
        <translation>Tải CIFAR-10</translation>
    </message>
    <message>
        <source>CIFAR-10, the lecture&apos;s dataset: 60,000 colour images of 32×32 pixels in 10 classes (about 162 MB to download). It is checked against the MD5 that its home page publishes and unpacked into:</source>
        <translation>CIFAR-10, bộ dữ liệu của bài giảng: 60000 ảnh màu kích thước 32×32, chia làm 10 nhãn (tải về khoảng 162 MB). Tệp được kiểm tra với mã MD5 công bố trên trang chủ của bộ dữ liệu và giải nén vào:</translation>
    </message>
    <message>
        <source>From: %1</source>
        <translation>Từ: %1</translation>
    </message>
    <message>
        <source>Press Download to start.</source>
        <translation>Nhấn Tải về để bắt đầu.</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Tải về</translation>
    </message>
    <message>
        <source>Cancel Download</source>
        <translation>Huỷ tải về</translation>
    </message>
    <message>
        <source>Use This Folder</source>
        <translation>Dùng thư mục này</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Đang kết nối tới %1…</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>Đang tải về…</translation>
    </message>
    <message>
        <source>Checking the MD5 checksum…</source>
        <translation>Đang kiểm tra mã MD5…</translation>
    </message>
    <message>
        <source>Unpacking…</source>
        <translation>Đang giải nén…</translation>
    </message>
    <message>
        <source>Done. CIFAR-10 is ready to train on.</source>
        <translation>Xong. CIFAR-10 đã sẵn sàng để huấn luyện.</translation>
    </message>
    <message>
        <source>Cancelled. Download again to continue where it stopped.</source>
        <translation>Đã huỷ. Tải lại để tiếp tục từ chỗ đã dừng.</translation>
    </message>
    <message>
        <source>The download failed. Nothing was unpacked.</source>
        <translation>Tải về thất bại. Chưa giải nén gì.</translation>
    </message>
    <message>
        <source>Download Again</source>
        <translation>Tải lại</translation>
    </message>
</context>
<context>
    <name>GradientNormPlot</name>
    <message>
        <source>training step</source>
        <translation>bước huấn luyện</translation>
    </message>
    <message>
        <source>gradient L2 norm (log scale)</source>
        <translation>chuẩn L2 của gradient (thang log)</translation>
    </message>
    <message>
        <source>The layer whose gradient norm is shown</source>
        <translation>Lớp được hiển thị chuẩn gradient</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Lớp</translation>
    </message>
    <message>
        <source>Save the gradient norms as PNG</source>
        <translation>Lưu biểu đồ chuẩn gradient thành PNG</translation>
    </message>
    <message>
        <source>All layers</source>
        <translation>Tất cả các lớp</translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 gradient vanished (&lt; 1e-6) at step %3 (%n step(s) in all)</source>
        <translation>
            <numerusform>%1: gradient của %2 bị triệt tiêu (vanishing, &lt; 1e-6) ở bước %3 (tổng cộng %n bước)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 gradient exploded (&gt; 1e3 or not finite) at step %3 (%n step(s) in all)</source>
        <translation>
            <numerusform>%1: gradient của %2 bùng nổ (exploding, &gt; 1e3 hoặc không hữu hạn) ở bước %3 (tổng cộng %n bước)</numerusform>
        </translation>
    </message>
    <message>
        <source>vanishing: below 1e-6</source>
        <translation>vanishing: dưới 1e-6</translation>
    </message>
    <message>
        <source>exploding: above 1e3</source>
        <translation>exploding: trên 1e3</translation>
    </message>
    <message>
        <source>L2 norm of each layer&apos;s gradient after every step · red dashed: the vanishing and exploding thresholds</source>
        <translation>Chuẩn L2 của gradient từng lớp sau mỗi bước · nét đứt đỏ: ngưỡng vanishing và exploding</translation>
    </message>
    <message>
        <source>No gradient norms for these runs: they were recorded with stats-every 0, or by an older NormLab.</source>
        <translation>Các lần chạy này không có chuẩn gradient: chúng được ghi với stats-every 0, hoặc bởi NormLab phiên bản cũ.</translation>
    </message>
</context>
<context>
    <name>GroupPanel</name>
    <message>
        <source>Each metric is compared with this group (Welch&apos;s t-test, two-sided, p &lt; 0.05)</source>
        <translation>Mỗi chỉ số được so sánh với nhóm này (Welch&apos;s t-test hai phía, p &lt; 0.05)</translation>
    </message>
    <message>
        <source>▲ better, ▼ worse than the baseline (p &lt; 0.05)</source>
        <translation>▲ tốt hơn, ▼ kém hơn nhóm cơ sở (p &lt; 0.05)</translation>
    </message>
    <message>
        <source>Welch&apos;s t-test against the baseline, two-sided. Hover a cell for its 95% confidence interval and p-value.</source>
        <translation>Welch&apos;s t-test hai phía so với nhóm cơ sở. Di chuột lên một ô để xem khoảng tin cậy 95% và p-value.</translation>
    </message>
    <message>
        <source>Baseline:</source>
        <translation>Nhóm cơ sở:</translation>
    </message>
</context>
<context>
    <name>GroupTableModel</name>
    <message>
        <source>Model</source>
        <translation>Mô hình</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source> (baseline)</source>
        <translation> (cơ sở)</translation>
    </message>
    <message>
        <source>%1 run(s), %2 in the statistics</source>
        <translation>%1 lần chạy, %2 được tính vào thống kê</translation>
    </message>
    <message>
        <source>
%1, measured on %2 (not your results):</source>
        <translation>
%1, đo trên %2 (không phải kết quả của bạn):</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>All %n run(s) in the statistics</source>
        <translation>
            <numerusform>Cả %n lần chạy đều được tính vào thống kê</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 runs in the statistics; left out: %3</source>
        <translation>%1 trên %2 lần chạy được tính vào thống kê; bỏ ra: %3</translation>
    </message>
    <message>
        <source>95% confidence interval: %1</source>
        <translation>Khoảng tin cậy 95%: %1</translation>
    </message>
    <message>
        <source>
* clipped to [0, 1]: with so few runs the t-interval of an accuracy leaves the range accuracies can take</source>
        <translation>
* cắt về [0, 1]: với quá ít lần chạy, khoảng t của accuracy vượt ra ngoài miền giá trị accuracy có thể nhận</translation>
    </message>
    <message>
        <source>
The baseline</source>
        <translation>
Nhóm cơ sở</translation>
    </message>
    <message>
        <source>
Not tested: needs 2 or more runs here and in the baseline</source>
        <translation>
Chưa kiểm định: cần từ 2 lần chạy trở lên ở đây và ở nhóm cơ sở</translation>
    </message>
    <message>
        <source>
Difference to the baseline: %1
Welch&apos;s t-test: p = %2 (%3)</source>
        <translation>
Chênh lệch so với nhóm cơ sở: %1
Welch&apos;s t-test: p = %2 (%3)</translation>
    </message>
    <message>
        <source>significantly better</source>
        <translation>tốt hơn có ý nghĩa thống kê</translation>
    </message>
    <message>
        <source>significantly worse</source>
        <translation>kém hơn có ý nghĩa thống kê</translation>
    </message>
    <message>
        <source>not significant</source>
        <translation>không có ý nghĩa thống kê</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>&lt;h2&gt;What each method does&lt;/h2&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;None&lt;/b&gt;: conv → ReLU with nothing in between; the baseline.&lt;/li&gt;&lt;li&gt;&lt;b&gt;BatchNorm&lt;/b&gt;: rescales every channel using the mean and spread of the current batch. Training is usually faster and steadier, but it depends on the batch size (try the &lt;i&gt;Batch-size study&lt;/i&gt; preset).&lt;/li&gt;&lt;li&gt;&lt;b&gt;LayerNorm&lt;/b&gt;: rescales each image over all of its channels; independent of the batch.&lt;/li&gt;&lt;li&gt;&lt;b&gt;InstanceNorm&lt;/b&gt;: rescales each channel of each image on its own; removes the contrast of single images.&lt;/li&gt;&lt;li&gt;&lt;b&gt;GroupNorm&lt;/b&gt;: between the two: channels are split into groups (the group count must divide the channel counts).&lt;/li&gt;&lt;li&gt;&lt;b&gt;WeightNorm&lt;/b&gt;: normalizes the weights instead of the activations (direction and length learn separately).&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Against overfitting: &lt;b&gt;L1/L2&lt;/b&gt; penalize large weights, &lt;b&gt;Dropout&lt;/b&gt; and &lt;b&gt;DropConnect&lt;/b&gt; switch off random activations or weights while training, &lt;b&gt;Early stopping&lt;/b&gt; ends a run when the validation loss stops improving, and &lt;b&gt;Data augmentation&lt;/b&gt; shows the network flipped and shifted images.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Mỗi phương pháp làm gì&lt;/h2&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Không dùng&lt;/b&gt; (No Normalization): conv → ReLU, không có gì ở giữa; đây là mốc so sánh.&lt;/li&gt;&lt;li&gt;&lt;b&gt;BatchNorm&lt;/b&gt;: chuẩn hoá từng kênh theo mean và variance của batch hiện tại. Huấn luyện thường nhanh và ổn định hơn, nhưng phụ thuộc vào batch size (thử mẫu có sẵn &lt;i&gt;Batch-size study&lt;/i&gt;).&lt;/li&gt;&lt;li&gt;&lt;b&gt;LayerNorm&lt;/b&gt;: chuẩn hoá từng ảnh trên mọi kênh của nó; không phụ thuộc vào batch.&lt;/li&gt;&lt;li&gt;&lt;b&gt;InstanceNorm&lt;/b&gt;: chuẩn hoá riêng từng kênh của từng ảnh; loại bỏ độ tương phản của từng ảnh.&lt;/li&gt;&lt;li&gt;&lt;b&gt;GroupNorm&lt;/b&gt;: nằm giữa hai cách trên: các kênh được chia thành nhóm (số nhóm phải chia hết số kênh).&lt;/li&gt;&lt;li&gt;&lt;b&gt;WeightNorm&lt;/b&gt;: chuẩn hoá trọng số thay vì giá trị kích hoạt (hướng và độ lớn được học riêng).&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Chống Overfitting: &lt;b&gt;L1/L2&lt;/b&gt; phạt các trọng số lớn, &lt;b&gt;Dropout&lt;/b&gt; và &lt;b&gt;DropConnect&lt;/b&gt; tắt ngẫu nhiên giá trị kích hoạt hoặc trọng số trong khi huấn luyện, &lt;b&gt;Early stopping&lt;/b&gt; dừng lần chạy khi loss trên tập validation thôi cải thiện, và &lt;b&gt;Data Augmentation&lt;/b&gt; cho mạng xem ảnh đã lật và dịch chuyển.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Comparing methods fairly&lt;/h2&gt;&lt;p&gt;One run proves little: another seed can move the accuracy by a point or two. Use &lt;b&gt;Run › Presets and Sweeps…&lt;/b&gt;, choose a preset (e.g. &lt;i&gt;Lecture: normalization&lt;/i&gt;), keep &lt;b&gt;Repeats&lt;/b&gt; at 2 or more and lower &lt;b&gt;Epochs&lt;/b&gt; / &lt;b&gt;Training images&lt;/b&gt; for a quick try.&lt;/p&gt;&lt;p&gt;After a sweep, &lt;b&gt;Group repeats&lt;/b&gt; turns on: one row per method with mean ± std and &lt;b&gt;n&lt;/b&gt;, the number of runs. Every row is compared with the &lt;b&gt;Baseline&lt;/b&gt; (the sweep&apos;s first method; change it above the table): &lt;span style=&apos;color:#1b7f2a&apos;&gt;▲ green&lt;/span&gt; is significantly better, &lt;span style=&apos;color:#b00020&apos;&gt;▼ red&lt;/span&gt; significantly worse (Welch&apos;s t-test, p &amp;lt; 0.05). No mark means the difference may be noise. Hover a cell for its 95% confidence interval.&lt;/p&gt;&lt;p&gt;The lecture&apos;s own numbers appear under the table when a preset has them; they were measured on CIFAR-10, so compare them with your CIFAR-10 rows only.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;So sánh các phương pháp cho công bằng&lt;/h2&gt;&lt;p&gt;Một lần chạy chứng minh được rất ít: đổi seed có thể làm accuracy lệch một hai điểm. Hãy dùng &lt;b&gt;Chạy › Mẫu có sẵn và quét tham số…&lt;/b&gt;, chọn một mẫu (ví dụ &lt;i&gt;Lecture: normalization&lt;/i&gt;), giữ &lt;b&gt;Số lần lặp&lt;/b&gt; từ 2 trở lên và giảm &lt;b&gt;Số epoch&lt;/b&gt; / &lt;b&gt;Số ảnh huấn luyện&lt;/b&gt; để thử nhanh.&lt;/p&gt;&lt;p&gt;Sau khi quét, &lt;b&gt;Gộp lần lặp&lt;/b&gt; được bật: mỗi phương pháp một hàng với trung bình ± độ lệch chuẩn và &lt;b&gt;n&lt;/b&gt;, số lần chạy. Mỗi hàng được so sánh với &lt;b&gt;Nhóm cơ sở&lt;/b&gt; (phương pháp đầu tiên của lần quét; đổi ở phía trên bảng): &lt;span style=&apos;color:#1b7f2a&apos;&gt;▲ xanh&lt;/span&gt; là tốt hơn có ý nghĩa thống kê, &lt;span style=&apos;color:#b00020&apos;&gt;▼ đỏ&lt;/span&gt; là kém hơn có ý nghĩa thống kê (Welch&apos;s t-test, p &amp;lt; 0.05). Không có dấu nghĩa là chênh lệch có thể chỉ là nhiễu. Di chuột lên một ô để xem khoảng tin cậy 95%.&lt;/p&gt;&lt;p&gt;Số liệu của chính bài giảng hiện dưới bảng khi mẫu có sẵn có chúng; chúng được đo trên CIFAR-10, nên chỉ so sánh với các hàng CIFAR-10 của bạn.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Reading the plots&lt;/h2&gt;&lt;ul&gt;&lt;li&gt;Line styles: &lt;b&gt;train dashed&lt;/b&gt;, &lt;b&gt;validation solid&lt;/b&gt;, &lt;b&gt;test dotted&lt;/b&gt;. The dashed vertical line marks each run&apos;s best epoch.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Loss gap&lt;/b&gt; (validation − training loss): when it keeps growing, the model overfits. That is when regularizers help.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Layer statistics&lt;/b&gt;: the spread of each block&apos;s activations before (dashed) and after (solid) the normalization. A normalized layer stays near 1.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Gradient norms&lt;/b&gt;: how strongly each layer learns; values near zero mean it has stopped learning (vanishing gradients).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Confusion matrix&lt;/b&gt; and &lt;b&gt;Predictions&lt;/b&gt;: which classes get mixed up; click a cell to see the images.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Study plot&lt;/b&gt;: one point per method or configuration, to see a trend at a glance.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Drag to pan, scroll to zoom, double-click to fit. &lt;b&gt;File › Export&lt;/b&gt; saves the table and plots as CSV, PNG or PDF for your report.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Đọc các biểu đồ&lt;/h2&gt;&lt;ul&gt;&lt;li&gt;Kiểu nét: &lt;b&gt;train nét đứt&lt;/b&gt;, &lt;b&gt;validation nét liền&lt;/b&gt;, &lt;b&gt;test nét chấm&lt;/b&gt;. Đường dọc nét đứt đánh dấu epoch tốt nhất của mỗi lần chạy.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Khoảng cách loss&lt;/b&gt; (loss validation − loss huấn luyện): khi nó cứ tăng, mô hình đang bị Overfitting. Đó là lúc Regularization có ích.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Thống kê theo lớp&lt;/b&gt;: độ phân tán giá trị kích hoạt của từng khối trước (nét đứt) và sau (nét liền) normalization. Một lớp đã chuẩn hoá giữ quanh mức 1.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Chuẩn gradient&lt;/b&gt;: mỗi lớp học mạnh đến đâu; giá trị gần 0 nghĩa là lớp đó đã ngừng học (vanishing gradient).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Ma trận nhầm lẫn&lt;/b&gt; và &lt;b&gt;Dự đoán&lt;/b&gt;: những nhãn nào bị nhầm với nhau; nhấn vào một ô để xem ảnh.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Biểu đồ nghiên cứu&lt;/b&gt;: mỗi phương pháp hay cấu hình một điểm, để thấy xu hướng trong nháy mắt.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Kéo để di chuyển, cuộn để phóng to, nhấn đúp để vừa khung. &lt;b&gt;Tệp › Xuất&lt;/b&gt; lưu bảng và biểu đồ thành CSV, PNG hoặc PDF cho báo cáo của bạn.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>NormLab Guide</source>
        <translation>Hướng dẫn NormLab</translation>
    </message>
    <message>
        <source>&lt;h2&gt;NormLab in five minutes&lt;/h2&gt;&lt;ol&gt;&lt;li&gt;Keep &lt;b&gt;Source: Built-in synthetic&lt;/b&gt; (no download) or choose your CIFAR-10 folder with &lt;i&gt;Browse…&lt;/i&gt;.&lt;/li&gt;&lt;li&gt;Pick a &lt;b&gt;Normalization&lt;/b&gt;, set &lt;b&gt;Epochs&lt;/b&gt; and the &lt;b&gt;Learning rate&lt;/b&gt;, press &lt;b&gt;Train&lt;/b&gt; (Ctrl+Enter). The curves grow while it trains; the progress bars show how long it still needs.&lt;/li&gt;&lt;li&gt;Change one thing (say None → BatchNorm) and press Train again: the run is queued and gets its own row in the table.&lt;/li&gt;&lt;li&gt;Select rows in the table to overlay their curves. Each run keeps its colour in every plot and tab.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;If &lt;b&gt;Train&lt;/b&gt; is greyed out, the line under it says what is missing.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;NormLab trong năm phút&lt;/h2&gt;&lt;ol&gt;&lt;li&gt;Giữ &lt;b&gt;Nguồn: Dữ liệu tổng hợp có sẵn&lt;/b&gt; (không cần tải về) hoặc chọn thư mục CIFAR-10 của bạn bằng &lt;i&gt;Chọn…&lt;/i&gt;.&lt;/li&gt;&lt;li&gt;Chọn một phương pháp &lt;b&gt;Normalization&lt;/b&gt;, đặt &lt;b&gt;Số epoch&lt;/b&gt; và &lt;b&gt;Tốc độ học&lt;/b&gt;, rồi nhấn &lt;b&gt;Huấn luyện&lt;/b&gt; (Ctrl+Enter). Các đường cong lớn dần trong khi huấn luyện; thanh tiến trình cho biết còn bao lâu nữa.&lt;/li&gt;&lt;li&gt;Thay đổi một thứ (chẳng hạn Không dùng → BatchNorm) và nhấn Huấn luyện lần nữa: lần chạy được xếp hàng và có một hàng riêng trong bảng.&lt;/li&gt;&lt;li&gt;Chọn các hàng trong bảng để chồng các đường cong của chúng lên nhau. Mỗi lần chạy giữ nguyên màu của nó trong mọi biểu đồ và mọi thẻ.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Nếu nút &lt;b&gt;Huấn luyện&lt;/b&gt; bị mờ, dòng ngay bên dưới cho biết còn thiếu gì.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Run › Parallel Runs&lt;/b&gt; trains several queued runs at once, each in a worker process of its own, with the cores shared between them; their curves grow side by side. It pays off on machines with many cores; on two cores one run at a time is nearly as fast. A run whose worker crashes is trained again from its last epoch; the table says so.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Chạy › Chạy song song&lt;/b&gt; huấn luyện cùng lúc nhiều lần chạy trong hàng đợi, mỗi lần chạy trong một tiến trình worker riêng, chia nhau các nhân CPU; các đường cong của chúng lớn dần cạnh nhau. Cách này có lợi trên máy nhiều nhân; trên máy hai nhân, chạy từng lần một gần như nhanh bằng. Lần chạy nào có worker bị sập sẽ được huấn luyện lại từ epoch cuối cùng của nó; bảng sẽ ghi rõ điều đó.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
</context>
<context>
    <name>LayerStatsPlot</name>
    <message>
        <source>training step</source>
        <translation>bước huấn luyện</translation>
    </message>
    <message>
        <source>activation mean</source>
        <translation>trung bình kích hoạt</translation>
    </message>
    <message>
        <source>The conv block whose activations are shown</source>
        <translation>Khối conv được hiển thị giá trị kích hoạt</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Trung bình</translation>
    </message>
    <message>
        <source>Standard deviation</source>
        <translation>Độ lệch chuẩn</translation>
    </message>
    <message>
        <source>Before and after normalization</source>
        <translation>Trước và sau normalization</translation>
    </message>
    <message>
        <source>Before normalization (the norm layer&apos;s input)</source>
        <translation>Trước normalization (đầu vào của lớp norm)</translation>
    </message>
    <message>
        <source>After normalization</source>
        <translation>Sau normalization</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>Khối</translation>
    </message>
    <message>
        <source>Save the layer statistics as PNG</source>
        <translation>Lưu thống kê theo lớp thành PNG</translation>
    </message>
    <message>
        <source>All blocks</source>
        <translation>Tất cả các khối</translation>
    </message>
    <message>
        <source>activation standard deviation</source>
        <translation>độ lệch chuẩn kích hoạt</translation>
    </message>
    <message>
        <source>block%1</source>
        <translation>block%1</translation>
    </message>
    <message>
        <source>before norm</source>
        <translation>trước norm</translation>
    </message>
    <message>
        <source>after norm</source>
        <translation>sau norm</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <source>NormLab</source>
        <translation>NormLab</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>Thí nghiệm</translation>
    </message>
    <message>
        <source>Runs are not being saved: the project could not be opened.</source>
        <translation>Các lần chạy không được lưu: không mở được dự án.</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Huấn luyện</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <source>Training curves</source>
        <translation>Đường cong huấn luyện</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Bộ dữ liệu</translation>
    </message>
    <message>
        <source>Study plot</source>
        <translation>Biểu đồ nghiên cứu</translation>
    </message>
    <message>
        <source>Training %1…</source>
        <translation>Đang huấn luyện %1…</translation>
    </message>
    <message>
        <source>%1 images/s</source>
        <translation>%1 ảnh/s</translation>
    </message>
    <message>
        <source>%1: %2 after %3 epochs</source>
        <translation>%1: %2 sau %3 epoch</translation>
    </message>
    <message>
        <source>Stopped while loading the data.</source>
        <translation>Đã dừng khi đang tải dữ liệu.</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Thiết lập huấn luyện</translation>
    </message>
    <message>
        <source>Cannot train</source>
        <translation>Không huấn luyện được</translation>
    </message>
    <message>
        <source>Queued %1</source>
        <translation>Đã xếp hàng %1</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Đang dừng…</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Xếp hàng</translation>
    </message>
    <message>
        <source>Add this configuration to the queue</source>
        <translation>Thêm cấu hình này vào hàng đợi</translation>
    </message>
    <message>
        <source>Train this configuration (Ctrl+Enter)</source>
        <translation>Huấn luyện cấu hình này (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>not saved</source>
        <translation>chưa lưu</translation>
    </message>
    <message>
        <source>%1 — NormLab</source>
        <translation>%1 — NormLab</translation>
    </message>
    <message>
        <source>Project: %1</source>
        <translation>Dự án: %1</translation>
    </message>
    <message>
        <source>Project not saved</source>
        <translation>Dự án chưa được lưu</translation>
    </message>
    <message>
        <source>Stopping the run before closing…</source>
        <translation>Đang dừng lần chạy trước khi đóng…</translation>
    </message>
    <message>
        <source>Reset Plot &amp;View</source>
        <translation>Đặt lại &amp;khung nhìn biểu đồ</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <source>&amp;About NormLab</source>
        <translation>&amp;Giới thiệu NormLab</translation>
    </message>
    <message>
        <source>NormLab &amp;Guide</source>
        <translation>&amp;Hướng dẫn NormLab</translation>
    </message>
    <message>
        <source>About NormLab</source>
        <translation>Giới thiệu NormLab</translation>
    </message>
    <message>
        <source>&lt;b&gt;NormLab %1&lt;/b&gt;&lt;p&gt;Normalization and anti-overfitting experiments for the deep-learning course, trained with LibTorch.&lt;/p&gt;</source>
        <translation>&lt;b&gt;NormLab %1&lt;/b&gt;&lt;p&gt;Thí nghiệm Normalization và các phương pháp chống Overfitting cho môn học sâu, huấn luyện bằng LibTorch.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation>&amp;Mở dự án…</translation>
    </message>
    <message>
        <source>Save Project &amp;As…</source>
        <translation>Lưu dự án &amp;thành…</translation>
    </message>
    <message>
        <source>NormLab project (*.normlab *.sqlite);;All files (*)</source>
        <translation>Dự án NormLab (*.normlab *.sqlite);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>Mở dự án</translation>
    </message>
    <message>
        <source>Save Project As</source>
        <translation>Lưu dự án thành</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>&amp;Huấn luyện</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Dừng</translation>
    </message>
    <message>
        <source>&amp;Load Dataset Preview</source>
        <translation>&amp;Xem trước bộ dữ liệu</translation>
    </message>
    <message>
        <source>&amp;Queue Experiment File…</source>
        <translation>Xếp &amp;hàng tệp thí nghiệm…</translation>
    </message>
    <message>
        <source>Load &amp;Experiment…</source>
        <translation>Mở thí &amp;nghiệm…</translation>
    </message>
    <message>
        <source>Save E&amp;xperiment…</source>
        <translation>Lưu thí n&amp;ghiệm…</translation>
    </message>
    <message>
        <source>Experiment (*.json)</source>
        <translation>Thí nghiệm (*.json)</translation>
    </message>
    <message>
        <source>Load Experiment</source>
        <translation>Mở thí nghiệm</translation>
    </message>
    <message>
        <source>Save Experiment</source>
        <translation>Lưu thí nghiệm</translation>
    </message>
    <message>
        <source>Queue Experiment File</source>
        <translation>Xếp hàng tệp thí nghiệm</translation>
    </message>
    <message>
        <source>Export Table as &amp;CSV…</source>
        <translation>Xuất bảng thành &amp;CSV…</translation>
    </message>
    <message>
        <source>Export Table as &amp;PNG…</source>
        <translation>Xuất bảng thành &amp;PNG…</translation>
    </message>
    <message>
        <source>Export Plots as P&amp;NG…</source>
        <translation>Xuất biểu đồ thành P&amp;NG…</translation>
    </message>
    <message>
        <source>Export Plots as P&amp;DF…</source>
        <translation>Xuất biểu đồ thành P&amp;DF…</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Ảnh PNG (*.png)</translation>
    </message>
    <message>
        <source>Export Table as CSV</source>
        <translation>Xuất bảng thành CSV</translation>
    </message>
    <message>
        <source>Export Table as PNG</source>
        <translation>Xuất bảng thành PNG</translation>
    </message>
    <message>
        <source>Export Plots as PNG</source>
        <translation>Xuất biểu đồ thành PNG</translation>
    </message>
    <message>
        <source>Export Plots as PDF</source>
        <translation>Xuất biểu đồ thành PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>&amp;Rename Run</source>
        <translation>Đổi &amp;tên lần chạy</translation>
    </message>
    <message>
        <source>&amp;Delete Runs</source>
        <translation>&amp;Xoá các lần chạy</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Chạy</translation>
    </message>
    <message>
        <source>&amp;Table</source>
        <translation>&amp;Bảng</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Thanh công cụ chính</translation>
    </message>
    <message>
        <source>Stop the run before opening another project.</source>
        <translation>Hãy dừng lần chạy trước khi mở dự án khác.</translation>
    </message>
    <message>
        <source>Opened %1 (%2 runs)</source>
        <translation>Đã mở %1 (%2 lần chạy)</translation>
    </message>
    <message>
        <source>Save Project</source>
        <translation>Lưu dự án</translation>
    </message>
    <message>
        <source>There is no open project to save.</source>
        <translation>Không có dự án nào đang mở để lưu.</translation>
    </message>
    <message>
        <source>Stop the run before saving the project elsewhere.</source>
        <translation>Hãy dừng lần chạy trước khi lưu dự án sang chỗ khác.</translation>
    </message>
    <message>
        <source>%1 holds %2 experiments; the first is shown. Use Run &gt; Queue Experiment File to run them all.</source>
        <translation>%1 chứa %2 thí nghiệm; đang hiện thí nghiệm đầu tiên. Dùng Chạy &gt; Xếp hàng tệp thí nghiệm để chạy tất cả.</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Đã lưu %1</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Xuất</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>Không ghi được %1</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>Đã ghi %1</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n run(s) from the table and the project?</source>
        <translation>
            <numerusform>Xoá %n lần chạy khỏi bảng và dự án?</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete Runs</source>
        <translation>Xoá các lần chạy</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n run(s)</source>
        <translation>
            <numerusform>Đã xoá %n lần chạy</numerusform>
        </translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>Ma trận nhầm lẫn</translation>
    </message>
    <message>
        <source>Predictions</source>
        <translation>Dự đoán</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>Tăng cường dữ liệu</translation>
    </message>
    <message>
        <source>Saving runs</source>
        <translation>Lưu các lần chạy</translation>
    </message>
    <message>
        <source>Layer statistics</source>
        <translation>Thống kê theo lớp</translation>
    </message>
    <message>
        <source>Gradient norms</source>
        <translation>Chuẩn gradient</translation>
    </message>
    <message>
        <source>Export Run &amp;Series as CSV…</source>
        <translation>Xuất &amp;chuỗi số liệu của lần chạy thành CSV…</translation>
    </message>
    <message>
        <source>Layer statistics, gradient norms and the loss gap of the selected run, as a tidy CSV</source>
        <translation>Thống kê theo lớp, chuẩn gradient và khoảng cách loss của lần chạy đang chọn, thành một tệp CSV gọn gàng</translation>
    </message>
    <message>
        <source>Export Layer &amp;&amp; &amp;Gradient Plots as PNG…</source>
        <translation>Xuất biểu đồ lớp &amp;&amp; &amp;gradient thành PNG…</translation>
    </message>
    <message>
        <source>run</source>
        <translation>lan-chay</translation>
    </message>
    <message>
        <source>Export Run Series as CSV</source>
        <translation>Xuất chuỗi số liệu của lần chạy thành CSV</translation>
    </message>
    <message>
        <source>Export Layer and Gradient Plots as PNG</source>
        <translation>Xuất biểu đồ lớp và gradient thành PNG</translation>
    </message>
    <message>
        <source>There is no run to export to %1.</source>
        <translation>Không có lần chạy nào để xuất ra %1.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Không ghi được %1: %2</translation>
    </message>
    <message>
        <source>Group repeats</source>
        <translation>Gộp lần lặp</translation>
    </message>
    <message>
        <source>One row per configuration: mean ± std over its seeds (Ctrl+G)</source>
        <translation>Mỗi cấu hình một hàng: trung bình ± độ lệch chuẩn qua các seed (Ctrl+G)</translation>
    </message>
    <message>
        <source>&amp;Group Repeats</source>
        <translation>&amp;Gộp lần lặp</translation>
    </message>
    <message>
        <source>&amp;Presets and Sweeps…</source>
        <translation>&amp;Mẫu có sẵn và quét tham số…</translation>
    </message>
    <message numerus="yes">
        <source>Queued %n run(s)</source>
        <translation>
            <numerusform>Đã xếp hàng %n lần chạy</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Comparison&lt;/b&gt;</source>
        <translation>&lt;b&gt;So sánh&lt;/b&gt;</translation>
    </message>
    <message>
        <source>select runs to overlay their curves</source>
        <translation>chọn các lần chạy để chồng đường cong lên nhau</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>Dự đoán ảnh</translation>
    </message>
    <message>
        <source>Export &amp;Model…</source>
        <translation>Xuất &amp;mô hình…</translation>
    </message>
    <message>
        <source>Save the selected run&apos;s trained model (best weights) as a PyTorch file</source>
        <translation>Lưu mô hình đã huấn luyện của lần chạy đang chọn (bộ trọng số tốt nhất) thành tệp PyTorch</translation>
    </message>
    <message>
        <source>Export Model</source>
        <translation>Xuất mô hình</translation>
    </message>
    <message>
        <source>NormLab model (*.normlab-model *.pt)</source>
        <translation>Mô hình NormLab (*.normlab-model *.pt)</translation>
    </message>
    <message>
        <source>Model File</source>
        <translation>Tệp mô hình</translation>
    </message>
    <message>
        <source>Could not keep the model of run %1 as %2</source>
        <translation>Không giữ được mô hình của lần chạy %1 thành %2</translation>
    </message>
    <message>
        <source>Select a trained run in the table to use its model.</source>
        <translation>Hãy chọn một lần chạy đã huấn luyện trong bảng để dùng mô hình của nó.</translation>
    </message>
    <message>
        <source>The run “%1” is still training; its model is saved when it ends.</source>
        <translation>Lần chạy “%1” vẫn đang huấn luyện; mô hình của nó được lưu khi kết thúc.</translation>
    </message>
    <message>
        <source>The run “%1” has no model file: it was trained before NormLab kept models, in another project, or it stopped before its first epoch finished.</source>
        <translation>Lần chạy “%1” không có tệp mô hình: nó được huấn luyện trước khi NormLab lưu mô hình, ở dự án khác, hoặc đã dừng trước khi xong epoch đầu tiên.</translation>
    </message>
    <message>
        <source>&amp;Get CIFAR-10…</source>
        <translation>&amp;Tải CIFAR-10…</translation>
    </message>
    <message>
        <source>CIFAR-10 is in %1; the experiment&apos;s Source uses it.</source>
        <translation>CIFAR-10 nằm ở %1; Nguồn của thí nghiệm đã dùng thư mục này.</translation>
    </message>
    <message>
        <source>Res&amp;ume Run</source>
        <translation>&amp;Tiếp tục lần chạy</translation>
    </message>
    <message>
        <source>Train &amp;More Epochs…</source>
        <translation>Huấn luyện thêm &amp;epoch…</translation>
    </message>
    <message>
        <source>Select a run in the table.</source>
        <translation>Hãy chọn một lần chạy trong bảng.</translation>
    </message>
    <message>
        <source>The run “%1” is training or waiting in the queue.</source>
        <translation>Lần chạy “%1” đang huấn luyện hoặc đang chờ trong hàng đợi.</translation>
    </message>
    <message>
        <source>Only a finished run trains more epochs; “%1” is %2.</source>
        <translation>Chỉ lần chạy đã xong mới huấn luyện thêm epoch được; “%1” đang ở trạng thái %2.</translation>
    </message>
    <message>
        <source>The run “%1” finished; Train More Epochs… continues it.</source>
        <translation>Lần chạy “%1” đã xong; Huấn luyện thêm epoch… sẽ chạy tiếp nó.</translation>
    </message>
    <message>
        <source>Only a cancelled or interrupted run resumes; “%1” is %2.</source>
        <translation>Chỉ lần chạy đã huỷ hoặc bị gián đoạn mới tiếp tục được; “%1” đang ở trạng thái %2.</translation>
    </message>
    <message>
        <source>Runs keep checkpoints only in a project file; this window has none.</source>
        <translation>Các lần chạy chỉ lưu checkpoint khi có tệp dự án; cửa sổ này chưa có.</translation>
    </message>
    <message>
        <source>The run “%1” has no checkpoint: it was trained before NormLab kept checkpoints, in another project, or it stopped before its first epoch finished.</source>
        <translation>Lần chạy “%1” không có checkpoint: nó được huấn luyện trước khi NormLab lưu checkpoint, ở dự án khác, hoặc đã dừng trước khi xong epoch đầu tiên.</translation>
    </message>
    <message>
        <source>Continue the selected run from its checkpoint; its finished epochs stay</source>
        <translation>Chạy tiếp lần chạy đã chọn từ checkpoint của nó; các epoch đã xong được giữ nguyên</translation>
    </message>
    <message>
        <source>Train the selected finished run for more epochs, continuing from its checkpoint</source>
        <translation>Huấn luyện thêm epoch cho lần chạy đã xong được chọn, tiếp từ checkpoint của nó</translation>
    </message>
    <message>
        <source>Resume Run</source>
        <translation>Tiếp tục lần chạy</translation>
    </message>
    <message>
        <source>Train More Epochs</source>
        <translation>Huấn luyện thêm epoch</translation>
    </message>
    <message>
        <source>Train “%1” up to this many epochs in all (it has %2):</source>
        <translation>Huấn luyện “%1” đến tổng cộng chừng này epoch (hiện có %2):</translation>
    </message>
    <message>
        <source>The run has %1 epochs already; ask for more.</source>
        <translation>Lần chạy đã có %1 epoch; hãy chọn số lớn hơn.</translation>
    </message>
    <message>
        <source>Parallel Runs</source>
        <translation>Chạy song song</translation>
    </message>
    <message>
        <source>One Run at a Time, in the Window</source>
        <translation>Từng lần chạy một, trong cửa sổ</translation>
    </message>
    <message>
        <source>%1 Runs at a Time, in Worker Processes</source>
        <translation>%1 lần chạy cùng lúc, trong tiến trình worker</translation>
    </message>
    <message>
        <source>1 thread</source>
        <translation>1 luồng</translation>
    </message>
    <message>
        <source>%1 threads</source>
        <translation>%1 luồng</translation>
    </message>
    <message>
        <source>A worker process was lost (%1); its run trains again (attempt %2).</source>
        <translation>Mất một tiến trình worker (%1); lần chạy của nó được huấn luyện lại (lần thử %2).</translation>
    </message>
    <message>
        <source>Training %1 runs at once…</source>
        <translation>Đang huấn luyện %1 lần chạy cùng lúc…</translation>
    </message>
    <message>
        <source>Each run trains in the window with every core.</source>
        <translation>Mỗi lần chạy được huấn luyện trong cửa sổ với mọi nhân CPU.</translation>
    </message>
    <message>
        <source>Up to %1 queued runs train at once, each in a normlab-cli worker process with %2. A worker that crashes costs only a retry of its run.</source>
        <translation>Tối đa %1 lần chạy trong hàng đợi được huấn luyện cùng lúc, mỗi lần trong một tiến trình worker normlab-cli với %2. Một worker bị sập chỉ khiến lần chạy của nó phải chạy lại.</translation>
    </message>
</context>
<context>
    <name>PlotLegend</name>
    <message>
        <source>+%1 more</source>
        <translation>+%1 nữa</translation>
    </message>
</context>
<context>
    <name>PlotPanel</name>
    <message>
        <source>epoch</source>
        <translation>epoch</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>loss</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>accuracy</translation>
    </message>
    <message>
        <source>val − train loss</source>
        <translation>loss val − train</translation>
    </message>
    <message>
        <source>The generalization gap, validation loss − training loss: it grows when the model starts to overfit.</source>
        <translation>Khoảng cách tổng quát hoá, loss validation − loss huấn luyện: tăng lên khi mô hình bắt đầu bị Overfitting.</translation>
    </message>
    <message>
        <source>Exponential moving average of the batch losses: each smoothed point keeps this share of the previous one.</source>
        <translation>Trung bình trượt hàm mũ của loss theo batch: mỗi điểm đã làm mượt giữ lại tỉ lệ này của điểm trước.</translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation>Đặt lại khung nhìn</translation>
    </message>
    <message>
        <source>Fit all plots to their data again (Ctrl+0). Drag to pan, wheel to zoom, double-click a plot to reset it.</source>
        <translation>Đưa mọi biểu đồ vừa với dữ liệu (Ctrl+0). Kéo để di chuyển, lăn chuột để phóng to, nhấn đúp vào biểu đồ để đặt lại.</translation>
    </message>
    <message>
        <source>Drag: pan · Wheel: zoom · Double-click: fit · train dashed, validation solid, test dotted · vertical lines: best and early-stopping epoch</source>
        <translation>Kéo: di chuyển · Cuộn: phóng to · Nhấn đúp: vừa khung · train đứt, validation liền, test chấm · vạch dọc: epoch tốt nhất, Early stopping</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>Làm mượt</translation>
    </message>
    <message>
        <source>No data yet</source>
        <translation>Chưa có dữ liệu</translation>
    </message>
    <message>
        <source>The loss gap is drawn per run: turn off Group repeats</source>
        <translation>Khoảng cách loss được vẽ theo từng lần chạy: hãy tắt Gộp lần lặp</translation>
    </message>
    <message>
        <source>%1 (n = %2)</source>
        <translation>%1 (n = %2)</translation>
    </message>
    <message>
        <source>train</source>
        <translation>tập train</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>tập validation</translation>
    </message>
    <message>
        <source>test</source>
        <translation>tập test</translation>
    </message>
</context>
<context>
    <name>PredictPanel</name>
    <message>
        <source>Predicting…</source>
        <translation>Đang dự đoán…</translation>
    </message>
    <message>
        <source>not a readable image</source>
        <translation>không phải ảnh đọc được</translation>
    </message>
    <message>
        <source>%1  %2 %</source>
        <translation>%1  %2 %</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) predicted with %1.</source>
        <translation>
            <numerusform>Đã dự đoán %n ảnh bằng %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accuracy on the %n image(s) in class folders: %1 %.</source>
        <translation>
            <numerusform>Accuracy trên %n ảnh trong các thư mục nhãn: %1 %.</numerusform>
        </translation>
    </message>
    <message>
        <source>Add Images…</source>
        <translation>Thêm ảnh…</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>Thêm thư mục…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Xoá hết</translation>
    </message>
    <message>
        <source>Select a trained run in the table to predict with its model.</source>
        <translation>Hãy chọn một lần chạy đã huấn luyện trong bảng để dự đoán bằng mô hình của nó.</translation>
    </message>
    <message>
        <source>Model: %1 (best weights)</source>
        <translation>Mô hình: %1 (bộ trọng số tốt nhất)</translation>
    </message>
    <message>
        <source>Drop image files or folders here, or use Add Images… or Add Folder…. A folder with one subfolder per class also gets an accuracy and a confusion matrix.</source>
        <translation>Kéo thả tệp ảnh hoặc thư mục vào đây, hoặc dùng Thêm ảnh… hay Thêm thư mục…. Thư mục có mỗi nhãn một thư mục con sẽ có thêm accuracy và ma trận nhầm lẫn.</translation>
    </message>
    <message>
        <source>Add Images</source>
        <translation>Thêm ảnh</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp);;All files (*)</source>
        <translation>Ảnh (*.png *.jpg *.jpeg *.bmp);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Add Folder</source>
        <translation>Thêm thư mục</translation>
    </message>
    <message>
        <source>Rows: true class (images in brackets); columns: predicted class.</source>
        <translation>Hàng: lớp thật (số ảnh trong ngoặc); cột: lớp dự đoán.</translation>
    </message>
</context>
<context>
    <name>PredictionGrid</name>
    <message>
        <source>Test</source>
        <translation>Tập test</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Tập validation</translation>
    </message>
    <message>
        <source>Show only images of this true class</source>
        <translation>Chỉ hiện ảnh có nhãn thật này</translation>
    </message>
    <message>
        <source>Mistakes only</source>
        <translation>Chỉ ảnh đoán sai</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ Trước</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Sau ▶</translation>
    </message>
    <message>
        <source>Save the predictions as PNG</source>
        <translation>Lưu các dự đoán thành PNG</translation>
    </message>
    <message>
        <source>No run selected.</source>
        <translation>Chưa chọn lần chạy nào.</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>Tất cả các nhãn</translation>
    </message>
    <message>
        <source>%1 has no %2 predictions: they are made with the best weights when a run ends.</source>
        <translation>%1 không có dự đoán trên %2: chúng được tính bằng bộ trọng số tốt nhất khi lần chạy kết thúc.</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1: no image matches the filter.</source>
        <translation>%1: không có ảnh nào khớp bộ lọc.</translation>
    </message>
    <message>
        <source>%1: images %2–%3 of %4 matching</source>
        <translation>%1: ảnh %2–%3 trong %4 ảnh khớp</translation>
    </message>
    <message>
        <source>%1
→ %2
%3%</source>
        <translation>%1
→ %2
%3%</translation>
    </message>
    <message>
        <source>%1
%2%</source>
        <translation>%1
%2%</translation>
    </message>
    <message>
        <source>%1 image %2: true %3, predicted %4 with confidence %5</source>
        <translation>%1, ảnh %2: nhãn thật %3, dự đoán %4 với độ tin cậy %5</translation>
    </message>
    <message>
        <source>The images could not be loaded: %1</source>
        <translation>Không tải được ảnh: %1</translation>
    </message>
</context>
<context>
    <name>ProcessRun</name>
    <message>
        <source>Cannot train in a worker process: %1 is missing or not executable. Set Parallel runs to 1 to train in the window.</source>
        <translation>Không thể huấn luyện trong tiến trình worker: %1 không tồn tại hoặc không chạy được. Đặt Chạy song song về 1 để huấn luyện trong cửa sổ.</translation>
    </message>
    <message>
        <source>The worker processes (%1) kept ending; the run was not retried again.</source>
        <translation>Các tiến trình worker (%1) liên tục kết thúc; lần chạy không được thử lại nữa.</translation>
    </message>
    <message>
        <source>retried once after its worker process was lost (%1)</source>
        <translation>đã chạy lại một lần sau khi mất tiến trình worker (%1)</translation>
    </message>
    <message>
        <source>retried %1 times after its worker processes were lost (last: %2)</source>
        <translation>đã chạy lại %1 lần sau khi mất các tiến trình worker (lần cuối: %2)</translation>
    </message>
    <message>
        <source>Stopped before its worker started training.</source>
        <translation>Đã dừng trước khi worker của nó bắt đầu huấn luyện.</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <source>Idle</source>
        <translation>Chưa chạy</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lần chạy</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Epoch</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 giây</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 phút %2 giây</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 giờ %2 phút</translation>
    </message>
    <message>
        <source>Training %1 (%2 parameters)</source>
        <translation>Đang huấn luyện %1 (%2 tham số)</translation>
    </message>
    <message>
        <source>epoch 1/%1</source>
        <translation>epoch 1/%1</translation>
    </message>
    <message>
        <source>epoch %1/%2 · ETA %3</source>
        <translation>epoch %1/%2 · còn %3</translation>
    </message>
    <message>
        <source>batch %1/%2 · ETA %3</source>
        <translation>batch %1/%2 · còn %3</translation>
    </message>
    <message>
        <source>done</source>
        <translation>xong</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>đã dừng</translation>
    </message>
    <message>
        <source>Loading the dataset…</source>
        <translation>Đang tải bộ dữ liệu…</translation>
    </message>
    <message>
        <source>loading %1/%2</source>
        <translation>đang tải %1/%2</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Không ghi được %1: %2</translation>
    </message>
    <message>
        <source>Could not write %1. Check that the folder exists, that you may write there and that the disk is not full.</source>
        <translation>Không ghi được %1. Hãy kiểm tra thư mục có tồn tại, bạn có quyền ghi vào đó và ổ đĩa chưa đầy.</translation>
    </message>
    <message>
        <source>Save PNG…</source>
        <translation>Lưu PNG…</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Ảnh PNG (*.png)</translation>
    </message>
    <message>
        <source>Save PNG</source>
        <translation>Lưu PNG</translation>
    </message>
    <message>
        <source>under a minute</source>
        <translation>dưới một phút</translation>
    </message>
    <message>
        <source>about %1 min</source>
        <translation>khoảng %1 phút</translation>
    </message>
    <message>
        <source>about %1 h %2 min</source>
        <translation>khoảng %1 giờ %2 phút</translation>
    </message>
    <message>
        <source>best %1</source>
        <translation>tốt nhất %1</translation>
    </message>
    <message>
        <source>stopped %1</source>
        <translation>dừng ở %1</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>lớp %1</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… và %1 lớp nữa</translation>
    </message>
    <message>
        <source>before norm</source>
        <translation>trước norm</translation>
    </message>
    <message>
        <source>after norm</source>
        <translation>sau norm</translation>
    </message>
    <message>
        <source>Dashed: before the norm layer · solid: after · measured on a fixed probe batch of %1 training images</source>
        <translation>Nét đứt: trước lớp norm · nét liền: sau · đo trên một batch thăm dò cố định gồm %1 ảnh huấn luyện</translation>
    </message>
    <message>
        <source>No layer statistics for these runs: they were recorded with stats-every 0, or by an older NormLab.</source>
        <translation>Các lần chạy này không có thống kê theo lớp: chúng được ghi với stats-every 0, hoặc bởi NormLab phiên bản cũ.</translation>
    </message>
    <message>
        <source>validation mean, band ±1 std</source>
        <translation>trung bình validation, dải ±1 độ lệch chuẩn</translation>
    </message>
    <message>
        <source>Fetching the images failed for an unknown reason.</source>
        <translation>Lấy ảnh thất bại vì một lý do không rõ.</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Không</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Bỏ thay đổi</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Áp dụng</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Đặt lại</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Trợ giúp</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Huỷ bỏ</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Bỏ qua</translation>
    </message>
    <message>
        <source>Yes to All</source>
        <translation>Có với tất cả</translation>
    </message>
    <message>
        <source>No to All</source>
        <translation>Không với tất cả</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Lưu tất cả</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Khôi phục mặc định</translation>
    </message>
    <message>
        <source>Don&apos;t Save</source>
        <translation>Không lưu</translation>
    </message>
    <message>
        <source>Close without Saving</source>
        <translation>Đóng mà không lưu</translation>
    </message>
</context>
<context>
    <name>ReferencePanel</name>
    <message>
        <source>Hide the reference values: more room for your runs</source>
        <translation>Ẩn số liệu tham khảo: thêm chỗ cho các lần chạy của bạn</translation>
    </message>
    <message>
        <source>Show the reference values under your runs</source>
        <translation>Hiện số liệu tham khảo dưới các lần chạy của bạn</translation>
    </message>
    <message>
        <source>%1 — not your results; measured on %2</source>
        <translation>%1 — không phải kết quả của bạn; đo trên %2</translation>
    </message>
    <message>
        <source>Single runs as published, measured on %1: compare with your rows on the same data only.</source>
        <translation>Từng lần chạy như đã công bố, đo trên %1: chỉ so sánh với các hàng của bạn trên cùng dữ liệu.</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Mô hình</translation>
    </message>
    <message>
        <source>Reference values</source>
        <translation>Số liệu tham khảo</translation>
    </message>
</context>
<context>
    <name>RunQueueModel</name>
    <message>
        <source>%1. %2 (%3 epochs)</source>
        <translation>%1. %2 (%3 epoch)</translation>
    </message>
    <message>
        <source>%1
normalization: %2
regularizers: %3
data: %4</source>
        <translation>%1
normalization: %2
regularization: %3
dữ liệu: %4</translation>
    </message>
</context>
<context>
    <name>RunQueueView</name>
    <message>
        <source>▲</source>
        <translation>▲</translation>
    </message>
    <message>
        <source>Run earlier</source>
        <translation>Chạy sớm hơn</translation>
    </message>
    <message>
        <source>▼</source>
        <translation>▼</translation>
    </message>
    <message>
        <source>Run later</source>
        <translation>Chạy muộn hơn</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Bỏ</translation>
    </message>
    <message>
        <source>Remove the selected run from the queue (Delete)</source>
        <translation>Bỏ lần chạy đang chọn khỏi hàng đợi (Delete)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Xoá hết</translation>
    </message>
    <message>
        <source>Remove every queued run</source>
        <translation>Bỏ mọi lần chạy trong hàng đợi</translation>
    </message>
    <message>
        <source>Queued runs (%1)</source>
        <translation>Hàng đợi (%1 lần chạy)</translation>
    </message>
    <message>
        <source>No runs queued</source>
        <translation>Hàng đợi trống</translation>
    </message>
</context>
<context>
    <name>RunRecorder</name>
    <message>
        <source>Saving runs to %1 works again; the epochs missed meanwhile are saved now.</source>
        <translation>Đã lưu lại được các lần chạy vào %1; các epoch bị lỡ trong lúc đó giờ đã được lưu.</translation>
    </message>
    <message>
        <source>The run could not be saved to the project: %1
It stays in the table until NormLab closes.</source>
        <translation>Không lưu được lần chạy vào dự án: %1
Nó vẫn nằm trong bảng cho đến khi đóng NormLab.</translation>
    </message>
    <message>
        <source>Epochs %1 to %2 are not saved to the project yet: %3</source>
        <translation>Các epoch từ %1 đến %2 chưa được lưu vào dự án: %3</translation>
    </message>
    <message>
        <source>Not saved to the project: %1</source>
        <translation>Chưa lưu vào dự án: %1</translation>
    </message>
    <message>
        <source>Attempt %1, from epoch %2 (its last checkpoint): %3</source>
        <translation>Lần thử %1, từ epoch %2 (checkpoint cuối cùng của nó): %3</translation>
    </message>
    <message>
        <source>Attempt %1, from the start: %2</source>
        <translation>Lần thử %1, từ đầu: %2</translation>
    </message>
</context>
<context>
    <name>RunTableModel</name>
    <message>
        <source>Model</source>
        <translation>Mô hình</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Validation Loss</source>
        <translation>Validation Loss</translation>
    </message>
    <message>
        <source>Validation Accuracy</source>
        <translation>Validation Accuracy</translation>
    </message>
    <message>
        <source>Test Loss</source>
        <translation>Test Loss</translation>
    </message>
    <message>
        <source>Test Accuracy</source>
        <translation>Test Accuracy</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Số epoch</translation>
    </message>
    <message>
        <source>Best Epoch</source>
        <translation>Epoch tốt nhất</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>running, epoch %1/%2</source>
        <translation>đang chạy, epoch %1/%2</translation>
    </message>
    <message>
        <source>%1
normalization: %2
regularizers: %3
data: %4
parameters: %5
Double-click to rename.</source>
        <translation>%1
normalization: %2
regularization: %3
dữ liệu: %4
tham số: %5
Nhấn đúp để đổi tên.</translation>
    </message>
    <message>
        <source>Lowest in the table</source>
        <translation>Thấp nhất trong bảng</translation>
    </message>
    <message>
        <source>Highest in the table</source>
        <translation>Cao nhất trong bảng</translation>
    </message>
    <message>
        <source>Lowest validation loss over the epochs</source>
        <translation>Loss trên tập validation thấp nhất qua các epoch</translation>
    </message>
    <message>
        <source>Highest validation accuracy over the epochs</source>
        <translation>Accuracy trên tập validation cao nhất qua các epoch</translation>
    </message>
    <message>
        <source>Test loss of the epoch with the lowest validation loss</source>
        <translation>Loss trên tập test tại epoch có loss validation thấp nhất</translation>
    </message>
    <message>
        <source>Test accuracy of the epoch with the lowest validation loss</source>
        <translation>Accuracy trên tập test tại epoch có loss validation thấp nhất</translation>
    </message>
    <message>
        <source>Epoch with the lowest validation loss</source>
        <translation>Epoch có loss validation thấp nhất</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>hoàn thành</translation>
    </message>
    <message>
        <source>early-stopped</source>
        <translation>dừng sớm</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>đã huỷ</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>phân kỳ</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>thất bại</translation>
    </message>
    <message>
        <source>running</source>
        <translation>đang chạy</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>bị gián đoạn</translation>
    </message>
</context>
<context>
    <name>ScriptRunner</name>
    <message numerus="yes">
        <source>%n queued run(s) were removed before they ran</source>
        <translation>
            <numerusform>Đã bỏ %n lần chạy khỏi hàng đợi trước khi chúng chạy</numerusform>
        </translation>
    </message>
    <message>
        <source>could not write %1</source>
        <translation>không ghi được %1</translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation>Vấn đề:</translation>
    </message>
</context>
<context>
    <name>StudyPlot</name>
    <message>
        <source>Batch size</source>
        <translation>Batch size</translation>
    </message>
    <message>
        <source>Width multiplier</source>
        <translation>Hệ số độ rộng</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Phương pháp</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Số tham số</translation>
    </message>
    <message>
        <source>Final Test Error</source>
        <translation>Sai số test cuối cùng</translation>
    </message>
    <message>
        <source>Save Image…</source>
        <translation>Lưu ảnh…</translation>
    </message>
    <message>
        <source>Save this plot as PNG or PDF</source>
        <translation>Lưu biểu đồ này thành PNG hoặc PDF</translation>
    </message>
    <message>
        <source>Plot</source>
        <translation>Vẽ</translation>
    </message>
    <message>
        <source>against</source>
        <translation>theo</translation>
    </message>
    <message>
        <source>Study plot: no grouped results with %1 yet</source>
        <translation>Biểu đồ nghiên cứu: chưa có kết quả gộp nào với %1</translation>
    </message>
    <message>
        <source>%1 against %2 (mean ± std)</source>
        <translation>%1 theo %2 (trung bình ± độ lệch chuẩn)</translation>
    </message>
    <message>
        <source>Save Study Plot</source>
        <translation>Lưu biểu đồ nghiên cứu</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF (*.pdf)</source>
        <translation>Ảnh PNG (*.png);;PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>SweepDialog</name>
    <message>
        <source>Presets and Sweeps</source>
        <translation>Mẫu có sẵn và quét tham số</translation>
    </message>
    <message>
        <source>Queue Runs</source>
        <translation>Xếp hàng các lần chạy</translation>
    </message>
    <message>
        <source>Choose a preset…</source>
        <translation>Chọn một mẫu có sẵn…</translation>
    </message>
    <message>
        <source>Open Sweep File…</source>
        <translation>Mở tệp quét tham số…</translation>
    </message>
    <message>
        <source>Open Sweep File</source>
        <translation>Mở tệp quét tham số</translation>
    </message>
    <message>
        <source>Sweep (*.json)</source>
        <translation>Quét tham số (*.json)</translation>
    </message>
    <message>
        <source>Seeds per configuration; the table groups them</source>
        <translation>Số seed cho mỗi cấu hình; bảng sẽ gộp chúng lại</translation>
    </message>
    <message>
        <source>as in the file</source>
        <translation>như trong tệp</translation>
    </message>
    <message>
        <source>Run on the built-in dataset instead (names get &quot;%1&quot;)</source>
        <translation>Chạy trên dữ liệu có sẵn thay thế (tên được thêm &quot;%1&quot;)</translation>
    </message>
    <message>
        <source>Repeats (seeds):</source>
        <translation>Số lần lặp (seed):</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>Số epoch:</translation>
    </message>
    <message>
        <source>Training images:</source>
        <translation>Số ảnh huấn luyện:</translation>
    </message>
    <message>
        <source>Runs:</source>
        <translation>Số lần chạy:</translation>
    </message>
    <message>
        <source>Estimated time:</source>
        <translation>Thời gian ước tính:</translation>
    </message>
    <message>
        <source>Choose a preset or open a sweep file.</source>
        <translation>Hãy chọn một mẫu có sẵn hoặc mở một tệp quét tham số.</translation>
    </message>
    <message>
        <source>Choose a preset or open a sweep file first.</source>
        <translation>Hãy chọn một mẫu có sẵn hoặc mở một tệp quét tham số trước.</translation>
    </message>
    <message>
        <source>The dataset is not on disk: %1</source>
        <translation>Bộ dữ liệu không có trên đĩa: %1</translation>
    </message>
    <message>
        <source>%1: %2 × %3</source>
        <translation>%1: %2 × %3</translation>
    </message>
    <message>
        <source>run</source>
        <translation>lần chạy</translation>
    </message>
    <message>
        <source>runs</source>
        <translation>lần chạy</translation>
    </message>
    <message>
        <source>configuration</source>
        <translation>cấu hình</translation>
    </message>
    <message>
        <source>configurations</source>
        <translation>cấu hình</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>seed</translation>
    </message>
    <message>
        <source>seeds</source>
        <translation>seed</translation>
    </message>
    <message>
        <source>%1 (at %2 images/s)</source>
        <translation>%1 (với %2 ảnh/s)</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>Loading the dataset failed for an unknown reason.</source>
        <translation>Tải bộ dữ liệu thất bại vì một lý do không rõ.</translation>
    </message>
    <message>
        <source>The run failed for an unknown reason.</source>
        <translation>Lần chạy thất bại vì một lý do không rõ.</translation>
    </message>
    <message>
        <source>The run did not start.</source>
        <translation>Lần chạy đã không bắt đầu.</translation>
    </message>
    <message>
        <source>The model was not saved: %1</source>
        <translation>Mô hình chưa được lưu: %1</translation>
    </message>
</context>
<context>
    <name>WindowMemory</name>
    <message>
        <source>The last session&apos;s experiment could not be restored (%1 in %2); the form shows the defaults.</source>
        <translation>Không khôi phục được thí nghiệm của lần làm việc trước (%1 trong %2); biểu mẫu hiển thị giá trị mặc định.</translation>
    </message>
    <message>
        <source>Press Train to train on the built-in shapes; File › Get CIFAR-10… for the lecture&apos;s data.</source>
        <translation>Nhấn Huấn luyện để huấn luyện trên các hình dựng sẵn; Tệp › Tải CIFAR-10… để lấy dữ liệu của bài giảng.</translation>
    </message>
</context>
<context>
    <name>normlab</name>
    <message>
        <source>Unexpected argument: %1</source>
        <translation>Đối số không mong đợi: %1</translation>
    </message>
    <message>
        <source>Screenshot tour: train a tiny preset on built-in data, save a PNG of each main state in DIR, check the layout of each and exit (1 when a check finds something).</source>
        <translation>Chụp màn hình tự động: huấn luyện một mẫu nhỏ trên dữ liệu có sẵn, lưu ảnh PNG của từng trạng thái chính vào DIR, kiểm tra bố cục của từng ảnh rồi thoát (mã 1 khi phát hiện lỗi).</translation>
    </message>
    <message>
        <source>Window size of the tour (default: 1280x800 and 1920x1080).</source>
        <translation>Kích thước cửa sổ khi chụp (mặc định: 1280x800 và 1920x1080).</translation>
    </message>
    <message>
        <source>--tour-size %1: expected WIDTHxHEIGHT (at least 320x240) with --tour DIR</source>
        <translation>--tour-size %1: cần dạng RỘNGxCAO (ít nhất 320x240) cùng với --tour DIR</translation>
    </message>
    <message>
        <source>NormLab: normalization and anti-overfitting experiments.</source>
        <translation>NormLab: thí nghiệm Normalization và các phương pháp chống Overfitting.</translation>
    </message>
    <message>
        <source>Keep the runs in project FILE.</source>
        <translation>Lưu các lần chạy trong tệp dự án FILE.</translation>
    </message>
    <message>
        <source>Run the experiment(s) in FILE (one JSON object or a list) at start-up.</source>
        <translation>Chạy (các) thí nghiệm trong FILE (một đối tượng JSON hoặc một danh sách) khi khởi động.</translation>
    </message>
    <message>
        <source>After the runs, write the table to CSV FILE.</source>
        <translation>Sau các lần chạy, ghi bảng ra tệp CSV FILE.</translation>
    </message>
    <message>
        <source>After the runs, write the table to PNG FILE.</source>
        <translation>Sau các lần chạy, ghi bảng ra tệp PNG FILE.</translation>
    </message>
    <message>
        <source>Exit after the runs: 0 when every run finished, 1 otherwise.</source>
        <translation>Thoát sau các lần chạy: mã 0 khi mọi lần chạy đều xong, ngược lại là 1.</translation>
    </message>
    <message>
        <source>The project to open (as --database).</source>
        <translation>Dự án cần mở (như --database).</translation>
    </message>
    <message>
        <source>--quit-when-done needs --run FILE</source>
        <translation>--quit-when-done cần có --run FILE</translation>
    </message>
    <message>
        <source>Training images of each run of the tour&apos;s preset (default 1000; the single run trains on twice as many).</source>
        <translation>Số ảnh huấn luyện cho mỗi lần chạy trong mẫu của chế độ chụp (mặc định 1000; lần chạy đơn dùng gấp đôi).</translation>
    </message>
    <message>
        <source>--tour-images needs --tour DIR and 50 or more images</source>
        <translation>--tour-images cần có --tour DIR và từ 50 ảnh trở lên</translation>
    </message>
    <message>
        <source>Train N runs at once, each in a worker process (Run › Parallel Runs; 1: in the window).</source>
        <translation>Huấn luyện N lần chạy cùng lúc, mỗi lần trong một tiến trình worker (Chạy › Chạy song song; 1: trong cửa sổ).</translation>
    </message>
    <message>
        <source>--parallel-runs %1: expected a whole number, 1 or more</source>
        <translation>--parallel-runs %1: cần một số nguyên, từ 1 trở lên</translation>
    </message>
</context>
<context>
    <name>normlab::download::CifarDownload</name>
    <message>
        <source>&apos;%1&apos; is not an http:// or https:// address</source>
        <translation>&apos;%1&apos; không phải địa chỉ http:// hay https://</translation>
    </message>
    <message>
        <source>MD5 &apos;%1&apos; is not 32 hexadecimal digits</source>
        <translation>MD5 &apos;%1&apos; không phải là 32 chữ số thập lục phân</translation>
    </message>
    <message>
        <source>%1 exists and does not hold the CIFAR-10 batches (data_batch_1.bin ... test_batch.bin); move it away or choose another folder</source>
        <translation>%1 đã tồn tại và không chứa các batch CIFAR-10 (data_batch_1.bin ... test_batch.bin); hãy chuyển nó đi hoặc chọn thư mục khác</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>không tạo được thư mục %1</translation>
    </message>
    <message>
        <source>%1 already holds CIFAR-10; nothing was downloaded</source>
        <translation>%1 đã có CIFAR-10; không tải về gì</translation>
    </message>
    <message>
        <source>wrong checksum: %1 downloaded from %2 has MD5 %3, expected %4; the file was deleted, run again to download it anew</source>
        <translation>sai checksum: %1 tải từ %2 có MD5 %3, cần là %4; tệp đã bị xoá, hãy chạy lại để tải mới</translation>
    </message>
    <message>
        <source>CIFAR-10 is in %1</source>
        <translation>CIFAR-10 nằm ở %1</translation>
    </message>
    <message>
        <source>; the verified archive stays in %1 for the next try</source>
        <translation>; tệp nén đã kiểm tra được giữ ở %1 cho lần thử sau</translation>
    </message>
</context>
<context>
    <name>normlab::download::FileDownload</name>
    <message>
        <source>proxy error while fetching %1: %2 (check the proxy settings: http_proxy, https_proxy, no_proxy)</source>
        <translation>lỗi proxy khi tải %1: %2 (hãy kiểm tra thiết lập proxy: http_proxy, https_proxy, no_proxy)</translation>
    </message>
    <message>
        <source>cannot connect to %1: connection refused (is the address right and the server up?)</source>
        <translation>không kết nối được tới %1: kết nối bị từ chối (địa chỉ có đúng và máy chủ có đang chạy không?)</translation>
    </message>
    <message>
        <source>cannot reach %1: host %2 not found (no network, or a mistyped address)</source>
        <translation>không truy cập được %1: không tìm thấy máy chủ %2 (không có mạng, hoặc gõ sai địa chỉ)</translation>
    </message>
    <message>
        <source>%1: no data for %2 s (no network?); run again to resume</source>
        <translation>%1: không nhận được dữ liệu trong %2 s (mất mạng?); hãy chạy lại để tải tiếp</translation>
    </message>
    <message>
        <source>%1: HTTP %2 %3</source>
        <translation>%1: HTTP %2 %3</translation>
    </message>
    <message>
        <source>cannot download %1: %2</source>
        <translation>không tải được %1: %2</translation>
    </message>
    <message>
        <source> of %1 (%2%)</source>
        <translation> / %1 (%2%)</translation>
    </message>
    <message>
        <source>, %1 left</source>
        <translation>, còn %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>không ghi được %1: %2</translation>
    </message>
    <message>
        <source>cannot write %1: %2 (is the disk full?); the bytes written so far are kept for a resume</source>
        <translation>không ghi được %1: %2 (ổ đĩa đã đầy?); phần đã ghi được giữ lại để tải tiếp</translation>
    </message>
    <message>
        <source>cancelled; the %1 bytes received are kept in %2 for a resume</source>
        <translation>đã huỷ; %1 byte đã nhận được giữ trong %2 để tải tiếp</translation>
    </message>
    <message>
        <source>%1: the connection closed after %2 of %3 bytes; they are kept in %4, run again to resume</source>
        <translation>%1: kết nối bị đóng sau %2 / %3 byte; phần này được giữ trong %4, hãy chạy lại để tải tiếp</translation>
    </message>
    <message>
        <source>%1: unexpected answer HTTP %2</source>
        <translation>%1: phản hồi HTTP %2 không mong đợi</translation>
    </message>
    <message>
        <source>cannot reach the proxy %1 to fetch %2: %3 (check the proxy settings: http_proxy, https_proxy, no_proxy)</source>
        <translation>không kết nối được proxy %1 để tải %2: %3 (hãy kiểm tra thiết lập proxy: http_proxy, https_proxy, no_proxy)</translation>
    </message>
</context>
</TS>
