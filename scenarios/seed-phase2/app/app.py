"""Demo gradio app used by upgrade-harness's `gradio` check.

Written to run unchanged on gradio 4.8.0 (baseline) and gradio 5.31.0 (candidate).
Only APIs that exist with the same meaning on both are used: gr.Blocks, gr.Textbox,
gr.Number, gr.Image(type="pil"), gr.Button, Button.click(api_name=...).

Endpoints (api_name):
  greet      text   -> text    "Hello, <NAME>!" (input stripped and upper-cased)
  add        number, number -> number
  image_info image  -> text    "<width>x<height> <mode>"
"""

import gradio as gr


def greet(name):
    name = (name or "").strip()
    return "Hello, " + name.upper() + "!"


def add(a, b):
    return (a or 0) + (b or 0)


def image_info(img):
    if img is None:
        return "no image"
    return "%dx%d %s" % (img.width, img.height, img.mode)


with gr.Blocks(title="upgrade-harness gradio demo", analytics_enabled=False) as demo:
    gr.Markdown("# upgrade-harness demo", elem_id="title")
    with gr.Row():
        name_in = gr.Textbox(label="Name", elem_id="name-in")
        greet_out = gr.Textbox(label="Greeting", elem_id="greet-out")
    greet_btn = gr.Button("Greet", elem_id="greet-btn")
    with gr.Row():
        a_in = gr.Number(label="a", value=0, elem_id="a-in")
        b_in = gr.Number(label="b", value=0, elem_id="b-in")
        sum_out = gr.Number(label="a + b", elem_id="sum-out")
    add_btn = gr.Button("Add", elem_id="add-btn")
    with gr.Row():
        img_in = gr.Image(label="Image", type="pil", elem_id="img-in")
        info_out = gr.Textbox(label="Image info", elem_id="img-info-out")
    info_btn = gr.Button("Image info", elem_id="img-info-btn")

    greet_btn.click(greet, inputs=name_in, outputs=greet_out, api_name="greet")
    add_btn.click(add, inputs=[a_in, b_in], outputs=sum_out, api_name="add")
    info_btn.click(image_info, inputs=img_in, outputs=info_out, api_name="image_info")


if __name__ == "__main__":
    demo.launch()
