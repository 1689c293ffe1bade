// The state queries of Dear ImGui's OpenGL backend, answered without asking WebGL.
//
// The backend saves the context's state before it draws and restores it afterwards, for programs
// that share one context with other drawing: about fifteen glGetIntegerv and five glIsEnabled per
// drawn frame. In the browser each is a call to WebGL's getParameter, some a round trip to the GPU
// process, and a profile of a lines load in Chromium put getParameter among its heaviest calls.
// The portal's context draws nothing else, and every frame sets what it draws with (viewport and
// clear in WebPlatform::EndFrame, then the backend's own set-up), so the backend is told that the
// context is in WebGL's initial state, and its restore puts it back there. Other queries (version,
// extensions, limits) go to WebGL. Only the backend's file is pointed here, by CMake.
#include <GLES3/gl3.h>

extern "C" {

void portal_backend_glGetIntegerv(GLenum name, GLint* values) {
    switch (name) {
        case GL_ACTIVE_TEXTURE:
            values[0] = GL_TEXTURE0;
            return;
        case GL_CURRENT_PROGRAM:
        case GL_TEXTURE_BINDING_2D:
        case GL_SAMPLER_BINDING:
        case GL_ARRAY_BUFFER_BINDING:
        case GL_ELEMENT_ARRAY_BUFFER_BINDING:
        case GL_VERTEX_ARRAY_BINDING:
            values[0] = 0;
            return;
        case GL_VIEWPORT:
        case GL_SCISSOR_BOX:  // set again before anything is drawn
            values[0] = values[1] = values[2] = values[3] = 0;
            return;
        case GL_BLEND_SRC_RGB:
        case GL_BLEND_SRC_ALPHA:
            values[0] = GL_ONE;
            return;
        case GL_BLEND_DST_RGB:
        case GL_BLEND_DST_ALPHA:
            values[0] = GL_ZERO;
            return;
        case GL_BLEND_EQUATION_RGB:
        case GL_BLEND_EQUATION_ALPHA:
            values[0] = GL_FUNC_ADD;
            return;
        default:
            glGetIntegerv(name, values);
    }
}

// Every capability the backend asks about (blend, cull face, depth, stencil and scissor tests,
// primitive restart) starts disabled in WebGL.
GLboolean portal_backend_glIsEnabled(GLenum) {
    return GL_FALSE;
}

}  // extern "C"
